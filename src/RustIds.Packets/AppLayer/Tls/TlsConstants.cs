namespace RustIds.Packets.AppLayer.Tls;

/// <summary>Wire constants of TLS records, handshake messages and extensions.</summary>
/// <remarks>RFC 8446 §4 and §5, RFC 5246 §6–7, IANA "TLS ExtensionType Values".</remarks>
public static class TlsConstants
{
    public const byte ContentChangeCipherSpec = 20;
    public const byte ContentAlert = 21;
    public const byte ContentHandshake = 22;
    public const byte ContentApplicationData = 23;
    public const byte ContentHeartbeat = 24;

    public const byte HandshakeClientHello = 1;
    public const byte HandshakeServerHello = 2;
    public const byte HandshakeCertificate = 11;

    public const ushort ExtensionServerName = 0x0000;
    public const ushort ExtensionSupportedGroups = 0x000a;
    public const ushort ExtensionEcPointFormats = 0x000b;
    public const ushort ExtensionSignatureAlgorithms = 0x000d;
    public const ushort ExtensionAlpn = 0x0010;
    public const ushort ExtensionSupportedVersions = 0x002b;

    public const ushort VersionSsl30 = 0x0300;
    public const ushort VersionTls10 = 0x0301;
    public const ushort VersionTls11 = 0x0302;
    public const ushort VersionTls12 = 0x0303;
    public const ushort VersionTls13 = 0x0304;

    /// <summary>True for the reserved GREASE values 0x0a0a, 0x1a1a, ... 0xfafa (RFC 8701 §2).</summary>
    public static bool IsGrease(ushort value) => (value & 0x0f0f) == 0x0a0a && (value >> 8) == (value & 0xff);
}
