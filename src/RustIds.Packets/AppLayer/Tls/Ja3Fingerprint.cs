using System.Security.Cryptography;

namespace RustIds.Packets.AppLayer.Tls;

/// <summary>Computes JA3 (ClientHello) and JA3S (ServerHello) strings and their MD5 hex.</summary>
/// <remarks>
/// Salesforce JA3: "SSLVersion,Ciphers,Extensions,EllipticCurves,EllipticCurvePointFormats", decimal
/// values joined by '-', GREASE values (RFC 8701) removed; JA3S: "SSLVersion,Cipher,Extensions".
/// The versions are the hello's legacy_version fields, as Suricata and Wireshark use them.
/// </remarks>
internal static class Ja3Fingerprint
{
    public static void Compute(TlsClientHello hello)
    {
        var writer = new AsciiWriter(hello.Ja3Buffer);
        writer.WriteDecimal(hello.LegacyVersion);
        writer.Write((byte)',');
        WriteList(ref writer, hello.CipherSuites);
        writer.Write((byte)',');
        WriteList(ref writer, hello.Extensions);
        writer.Write((byte)',');
        WriteList(ref writer, hello.SupportedGroups);
        writer.Write((byte)',');
        var first = true;
        foreach (var format in hello.EcPointFormats)
        {
            if (!first)
                writer.Write((byte)'-');
            writer.WriteDecimal(format);
            first = false;
        }
        hello.Ja3Length = writer.Length;
        hello.Ja3Hashed = false;
    }

    public static void Compute(TlsServerHello hello)
    {
        var writer = new AsciiWriter(hello.Ja3sBuffer);
        writer.WriteDecimal(hello.LegacyVersion);
        writer.Write((byte)',');
        writer.WriteDecimal(hello.CipherSuite);
        writer.Write((byte)',');
        WriteList(ref writer, hello.Extensions);
        hello.Ja3sLength = writer.Length;
        hello.Ja3sHashed = false;
    }

    private static void WriteList(ref AsciiWriter writer, ReadOnlySpan<ushort> values)
    {
        var first = true;
        foreach (var value in values)
        {
            if (TlsConstants.IsGrease(value))
                continue;
            if (!first)
                writer.Write((byte)'-');
            writer.WriteDecimal(value);
            first = false;
        }
    }

    // JA3 is defined over MD5; it is a fingerprint, not a security control.
#pragma warning disable CA5351
    /// <summary>The MD5 of <paramref name="text"/> as 32 lower-case hex digits.</summary>
    public static void WriteMd5Hex(ReadOnlySpan<byte> text, Span<byte> destination)
    {
        Span<byte> digest = stackalloc byte[16];
        MD5.HashData(text, digest);
        var writer = new AsciiWriter(destination);
        writer.WriteHex(digest, upper: false);
    }
#pragma warning restore CA5351
}
