using System.Buffers.Binary;

namespace RustIds.Packets.AppLayer.Tls;

/// <summary>Decodes a ClientHello body (RFC 8446 §4.1.2, RFC 5246 §7.4.1.2) into a <see cref="TlsClientHello"/>.</summary>
/// <remarks>
/// Outer structure errors (a length that does not fit) reject the hello. A known extension whose
/// content is malformed is skipped and counted, so the hello and its fingerprints still arrive.
/// The first occurrence of each known extension wins.
/// </remarks>
internal static class TlsClientHelloParser
{
    private const int SeenServerName = 1;
    private const int SeenGroups = 2;
    private const int SeenPointFormats = 4;
    private const int SeenSignatureAlgorithms = 8;
    private const int SeenAlpn = 16;
    private const int SeenVersions = 32;

    public static bool TryParse(ReadOnlySpan<byte> body, TlsClientHello hello, TlsCounters counters)
    {
        hello.Clear();
        if (body.Length < 2 + 32 + 1)
            return false;
        hello.LegacyVersion = BinaryPrimitives.ReadUInt16BigEndian(body);
        var rest = body[34..];
        int sessionIdLength = rest[0];
        if (sessionIdLength > 32 || rest.Length < 1 + sessionIdLength + 2)
            return false;
        hello.SessionIdLength = sessionIdLength;
        rest = rest[(1 + sessionIdLength)..];
        int ciphersLength = BinaryPrimitives.ReadUInt16BigEndian(rest);
        if ((ciphersLength & 1) != 0 || rest.Length < 2 + ciphersLength + 1)
            return false;
        AddUInt16s(rest.Slice(2, ciphersLength), hello.CipherSuiteList);
        rest = rest[(2 + ciphersLength)..];
        int compressionLength = rest[0];
        if (rest.Length < 1 + compressionLength)
            return false;
        foreach (var method in rest.Slice(1, compressionLength))
            hello.CompressionList.Add(method);
        rest = rest[(1 + compressionLength)..];
        if (!rest.IsEmpty && !TryParseExtensions(rest, hello, counters))
            return false;

        hello.Version = HighestVersion(hello.SupportedVersions, hello.LegacyVersion);
        hello.Truncated |= hello.CipherSuiteList.Overflowed || hello.ExtensionList.Overflowed || hello.GroupList.Overflowed
            || hello.SignatureAlgorithmList.Overflowed || hello.VersionList.Overflowed;
        if (hello.Truncated)
            counters.TruncatedFields++;
        return true;
    }

    internal static void AddUInt16s(ReadOnlySpan<byte> data, BoundedList<ushort> list)
    {
        for (var i = 0; i + 1 < data.Length; i += 2)
            list.Add(BinaryPrimitives.ReadUInt16BigEndian(data[i..]));
    }

    private static ushort HighestVersion(ReadOnlySpan<ushort> supported, ushort legacy)
    {
        var highest = 0;
        foreach (var version in supported)
        {
            if (!TlsConstants.IsGrease(version) && version > highest)
                highest = version;
        }
        return highest == 0 ? legacy : (ushort)highest;
    }

    private static bool TryParseExtensions(ReadOnlySpan<byte> rest, TlsClientHello hello, TlsCounters counters)
    {
        if (rest.Length < 2)
            return false;
        int extensionsLength = BinaryPrimitives.ReadUInt16BigEndian(rest);
        if (rest.Length < 2 + extensionsLength)
            return false;
        var extensions = rest.Slice(2, extensionsLength);
        var seen = 0;
        while (!extensions.IsEmpty)
        {
            if (extensions.Length < 4)
                return false;
            var type = BinaryPrimitives.ReadUInt16BigEndian(extensions);
            int length = BinaryPrimitives.ReadUInt16BigEndian(extensions[2..]);
            if (extensions.Length < 4 + length)
                return false;
            hello.ExtensionList.Add(type);
            if (!TryParseExtension(type, extensions.Slice(4, length), hello, ref seen))
                counters.MalformedExtensions++;
            extensions = extensions[(4 + length)..];
        }
        return true;
    }

    private static bool TryParseExtension(ushort type, ReadOnlySpan<byte> data, TlsClientHello hello, ref int seen)
    {
        switch (type)
        {
            case TlsConstants.ExtensionServerName when (seen & SeenServerName) == 0:
                seen |= SeenServerName;
                return TryParseServerName(data, hello);
            case TlsConstants.ExtensionSupportedGroups when (seen & SeenGroups) == 0:
                seen |= SeenGroups;
                return TryParseUInt16List(data, hello.GroupList);
            case TlsConstants.ExtensionEcPointFormats when (seen & SeenPointFormats) == 0:
                seen |= SeenPointFormats;
                if (data.IsEmpty || data.Length != 1 + data[0])
                    return false;
                foreach (var format in data[1..])
                    hello.PointFormatList.Add(format);
                return true;
            case TlsConstants.ExtensionSignatureAlgorithms when (seen & SeenSignatureAlgorithms) == 0:
                seen |= SeenSignatureAlgorithms;
                return TryParseUInt16List(data, hello.SignatureAlgorithmList);
            case TlsConstants.ExtensionAlpn when (seen & SeenAlpn) == 0:
                seen |= SeenAlpn;
                return TryParseAlpn(data, hello);
            case TlsConstants.ExtensionSupportedVersions when (seen & SeenVersions) == 0:
                seen |= SeenVersions;
                if (data.IsEmpty || data.Length != 1 + data[0] || (data[0] & 1) != 0)
                    return false;
                AddUInt16s(data[1..], hello.VersionList);
                return true;
            default:
                return true;
        }
    }

    private static bool TryParseUInt16List(ReadOnlySpan<byte> data, BoundedList<ushort> list)
    {
        if (data.Length < 2)
            return false;
        int length = BinaryPrimitives.ReadUInt16BigEndian(data);
        if ((length & 1) != 0 || data.Length != 2 + length)
            return false;
        AddUInt16s(data[2..], list);
        return true;
    }

    // RFC 6066 §3: ServerNameList of (name_type, opaque HostName<1..2^16-1>); the first host_name counts.
    private static bool TryParseServerName(ReadOnlySpan<byte> data, TlsClientHello hello)
    {
        if (data.Length < 2)
            return false;
        int listLength = BinaryPrimitives.ReadUInt16BigEndian(data);
        if (data.Length != 2 + listLength)
            return false;
        var list = data[2..];
        while (!list.IsEmpty)
        {
            if (list.Length < 3)
                return false;
            var nameType = list[0];
            int nameLength = BinaryPrimitives.ReadUInt16BigEndian(list[1..]);
            if (list.Length < 3 + nameLength)
                return false;
            if (nameType == 0 && !hello.HasServerName)
            {
                var name = list.Slice(3, nameLength);
                var kept = Math.Min(name.Length, hello.ServerNameBuffer.Length);
                name[..kept].CopyTo(hello.ServerNameBuffer);
                hello.ServerNameLength = kept;
                hello.HasServerName = true;
                hello.Truncated |= kept < name.Length;
            }
            list = list[(3 + nameLength)..];
        }
        return true;
    }

    // RFC 7301 §3.1: ProtocolNameList of opaque ProtocolName<1..2^8-1>.
    private static bool TryParseAlpn(ReadOnlySpan<byte> data, TlsClientHello hello)
    {
        if (data.Length < 2)
            return false;
        int listLength = BinaryPrimitives.ReadUInt16BigEndian(data);
        if (data.Length != 2 + listLength)
            return false;
        var list = data[2..];
        var buffer = hello.AlpnBuffer;
        var kept = 0;
        var count = 0;
        for (var offset = 0; offset < list.Length;)
        {
            var entryLength = 1 + list[offset];
            if (offset + entryLength > list.Length)
                return false;
            if (kept + entryLength <= buffer.Length)
            {
                list.Slice(offset, entryLength).CopyTo(buffer[kept..]);
                kept += entryLength;
                count++;
            }
            else
            {
                hello.Truncated = true;
            }
            offset += entryLength;
        }
        hello.AlpnLength = kept;
        hello.AlpnCount = count;
        return true;
    }
}
