using System.Buffers.Binary;

namespace RustIds.Packets.AppLayer.Tls;

/// <summary>Decodes a ServerHello body (RFC 8446 §4.1.3, RFC 5246 §7.4.1.3) into a <see cref="TlsServerHello"/>.</summary>
internal static class TlsServerHelloParser
{
    // SHA-256("HelloRetryRequest"), the random of a HelloRetryRequest (RFC 8446 §4.1.3).
    private static ReadOnlySpan<byte> HelloRetryRequestRandom =>
    [
        0xCF, 0x21, 0xAD, 0x74, 0xE5, 0x9A, 0x61, 0x11, 0xBE, 0x1D, 0x8C, 0x02, 0x1E, 0x65, 0xB8, 0x91,
        0xC2, 0xA2, 0x11, 0x16, 0x7A, 0xBB, 0x8C, 0x5E, 0x07, 0x9E, 0x09, 0xE2, 0xC8, 0xA8, 0x33, 0x9C,
    ];

    public static bool TryParse(ReadOnlySpan<byte> body, TlsServerHello hello, TlsCounters counters)
    {
        hello.Clear();
        if (body.Length < 2 + 32 + 1)
            return false;
        hello.LegacyVersion = BinaryPrimitives.ReadUInt16BigEndian(body);
        hello.Version = hello.LegacyVersion;
        hello.IsHelloRetryRequest = body.Slice(2, 32).SequenceEqual(HelloRetryRequestRandom);
        var rest = body[34..];
        int sessionIdLength = rest[0];
        if (sessionIdLength > 32 || rest.Length < 1 + sessionIdLength + 3)
            return false;
        hello.SessionIdLength = sessionIdLength;
        rest = rest[(1 + sessionIdLength)..];
        hello.CipherSuite = BinaryPrimitives.ReadUInt16BigEndian(rest);
        hello.CompressionMethod = rest[2];
        rest = rest[3..];
        if (rest.IsEmpty)
            return true;
        if (rest.Length < 2)
            return false;
        int extensionsLength = BinaryPrimitives.ReadUInt16BigEndian(rest);
        if (rest.Length < 2 + extensionsLength)
            return false;
        var extensions = rest.Slice(2, extensionsLength);
        while (!extensions.IsEmpty)
        {
            if (extensions.Length < 4)
                return false;
            var type = BinaryPrimitives.ReadUInt16BigEndian(extensions);
            int length = BinaryPrimitives.ReadUInt16BigEndian(extensions[2..]);
            if (extensions.Length < 4 + length)
                return false;
            hello.ExtensionList.Add(type);
            if (!TryParseExtension(type, extensions.Slice(4, length), hello))
                counters.MalformedExtensions++;
            extensions = extensions[(4 + length)..];
        }
        if (hello.ExtensionList.Overflowed)
        {
            hello.Truncated = true;
            counters.TruncatedFields++;
        }
        return true;
    }

    private static bool TryParseExtension(ushort type, ReadOnlySpan<byte> data, TlsServerHello hello)
    {
        switch (type)
        {
            case TlsConstants.ExtensionSupportedVersions:
                // ServerHello carries the single selected_version (RFC 8446 §4.2.1).
                if (data.Length != 2)
                    return false;
                hello.Version = BinaryPrimitives.ReadUInt16BigEndian(data);
                return true;
            case TlsConstants.ExtensionAlpn:
                // Exactly one ProtocolName in the server's list (RFC 7301 §3.1).
                if (data.Length < 3 || BinaryPrimitives.ReadUInt16BigEndian(data) != data.Length - 2 || data[2] != data.Length - 3)
                    return false;
                data[3..].CopyTo(hello.AlpnBuffer);
                hello.AlpnLength = data.Length - 3;
                return true;
            default:
                return true;
        }
    }
}
