namespace RustIds.Packets.AppLayer.Tls.Tests;

/// <summary>ClientHellos with published fingerprints.</summary>
internal static class TlsSamples
{
    /// <summary>
    /// Chrome 143 (Android) as reported by browserleaks.com: JA3 text
    /// "771,4865-...-53,45-51-16-65037-23-17613-0-11-10-43-65281-35-18-5-13-27,4588-29-23-24,0",
    /// JA3 98487aa16281980e7d1120d399efb6a4, JA4 t13d1516h2_8daaf6152771_d8a2da3f94cd. Rebuilt from
    /// those fields with Chrome's GREASE placement (first cipher, first and last extension, first
    /// group, first supported version).
    /// </summary>
    public static byte[] ChromeClientHelloBody() => TlsBytes.ClientHelloBody(
        0x0303,
        [0x3a3a, 0x1301, 0x1302, 0x1303, 0xc02b, 0xc02f, 0xc02c, 0xc030, 0xcca9, 0xcca8, 0xc013, 0xc014, 0x009c, 0x009d, 0x002f, 0x0035],
        [
            TlsBytes.Opaque(0xdada),
            TlsBytes.Opaque(0x002d, 2),
            TlsBytes.Opaque(0x0033, 43),
            TlsBytes.Alpn("h2", "http/1.1"),
            TlsBytes.Opaque(0xfe0d, 90),
            TlsBytes.Opaque(0x0017),
            TlsBytes.Opaque(0x44cd, 5),
            TlsBytes.Sni("tls.browserleaks.com"),
            TlsBytes.PointFormats(0),
            TlsBytes.Groups(0x4a4a, 4588, 29, 23, 24),
            TlsBytes.SupportedVersions(0x8a8a, 0x0304, 0x0303),
            TlsBytes.Opaque(0xff01, 1),
            TlsBytes.Opaque(0x0023),
            TlsBytes.Opaque(0x0012),
            TlsBytes.Opaque(0x0005, 5),
            TlsBytes.SignatureAlgorithms(0x0403, 0x0804, 0x0401, 0x0503, 0x0805, 0x0501, 0x0806, 0x0601),
            TlsBytes.Opaque(0x001b, 3),
            TlsBytes.Opaque(0x2a2a, 1),
        ]);

    public const string ChromeJa3 =
        "771,4865-4866-4867-49195-49199-49196-49200-52393-52392-49171-49172-156-157-47-53,"
        + "45-51-16-65037-23-17613-0-11-10-43-65281-35-18-5-13-27,4588-29-23-24,0";

    public const string ChromeJa3Hash = "98487aa16281980e7d1120d399efb6a4";

    public const string ChromeJa4 = "t13d1516h2_8daaf6152771_d8a2da3f94cd";

    public const string ChromeJa4Raw =
        "t13d1516h2_002f,0035,009c,009d,1301,1302,1303,c013,c014,c02b,c02c,c02f,c030,cca8,cca9_"
        + "0005,000a,000b,000d,0012,0017,001b,0023,002b,002d,0033,44cd,fe0d,ff01_0403,0804,0401,0503,0805,0501,0806,0601";

    /// <summary>
    /// The worked example of the FoxIO JA4 specification (technical_details/JA4.md), rebuilt from its
    /// JA4_ro: extensions 001b,0000,0033,0010,4469,0017,002d,000d,0005,0023,0012,002b,ff01,000b,000a,0015.
    /// </summary>
    public static byte[] Ja4SpecClientHelloBody() => TlsBytes.ClientHelloBody(
        0x0303,
        [0x1301, 0x1302, 0x1303, 0xc02b, 0xc02f, 0xc02c, 0xc030, 0xcca9, 0xcca8, 0xc013, 0xc014, 0x009c, 0x009d, 0x002f, 0x0035],
        [
            TlsBytes.Opaque(0x001b, 3),
            TlsBytes.Sni("example.com"),
            TlsBytes.Opaque(0x0033, 38),
            TlsBytes.Alpn("h2", "http/1.1"),
            TlsBytes.Opaque(0x4469, 5),
            TlsBytes.Opaque(0x0017),
            TlsBytes.Opaque(0x002d, 2),
            TlsBytes.SignatureAlgorithms(0x0403, 0x0804, 0x0401, 0x0503, 0x0805, 0x0501, 0x0806, 0x0601),
            TlsBytes.Opaque(0x0005, 5),
            TlsBytes.Opaque(0x0023),
            TlsBytes.Opaque(0x0012),
            TlsBytes.SupportedVersions(0x0304, 0x0303),
            TlsBytes.Opaque(0xff01, 1),
            TlsBytes.PointFormats(0),
            TlsBytes.Groups(29, 23, 24),
            TlsBytes.Opaque(0x0015, 20),
        ]);

    public const string Ja4SpecJa4 = "t13d1516h2_8daaf6152771_e5627efa2ab1";

    public const string Ja4SpecJa4Raw =
        "t13d1516h2_002f,0035,009c,009d,1301,1302,1303,c013,c014,c02b,c02c,c02f,c030,cca8,cca9_"
        + "0005,000a,000b,000d,0012,0015,0017,001b,0023,002b,002d,0033,4469,ff01_0403,0804,0401,0503,0805,0501,0806,0601";

    /// <summary>
    /// The first example of the Salesforce JA3 README: "769,47-53-5-10-49161-49162-49171-49172-50-56-19-4,0-10-11,23-24-25,0"
    /// hashes to ada70206e40642a3e4461f35503241d5.
    /// </summary>
    public static byte[] Ja3ReadmeClientHelloBody() => TlsBytes.ClientHelloBody(
        0x0301,
        [47, 53, 5, 10, 49161, 49162, 49171, 49172, 50, 56, 19, 4],
        [TlsBytes.Sni("example.org"), TlsBytes.Groups(23, 24, 25), TlsBytes.PointFormats(0)],
        sessionIdLength: 0);

    public static byte[] ClientHelloRecords(byte[] body, int maxFragment = 16384) =>
        TlsBytes.Records(22, TlsBytes.Handshake(1, body), maxFragment);
}
