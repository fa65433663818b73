using System.Buffers.Binary;

namespace RustIds.Packets.Decoding;

/// <summary>Strips the link-layer header (Ethernet, VLAN tags, Linux cooked, BSD null) and hands the IP packet on.</summary>
internal static class LinkLayerDecoder
{
    internal const ushort EtherTypeIpv4 = 0x0800;
    internal const ushort EtherTypeIpv6 = 0x86DD;
    private const ushort EtherTypeVlan = 0x8100;
    private const ushort EtherTypeQinQ = 0x88A8;
    private const ushort EtherTypeQinQLegacy = 0x9100;

    // QinQ is two tags; a few more are tolerated, an endless chain is not.
    private const int MaxVlanTags = 4;

    public static DecodeStatus Decode(LinkType linkType, ReadOnlySpan<byte> frame, ref Packet packet)
    {
        packet.Layer = DecodeLayer.Link;
        return linkType switch
        {
            LinkType.Ethernet => Ethernet(frame, ref packet),
            LinkType.LinuxSll => LinuxSll(frame, ref packet),
            LinkType.LinuxSll2 => LinuxSll2(frame, ref packet),
            LinkType.Raw or LinkType.RawDlt12 or LinkType.RawDlt14 => RawIp(frame, ref packet),
            LinkType.Ipv4 => IpDecoder.DecodeV4(frame, ref packet),
            LinkType.Ipv6 => IpDecoder.DecodeV6(frame, ref packet),
            LinkType.Null => Null(frame, ref packet),
            _ => DecodeStatus.Unsupported,
        };
    }

    private static DecodeStatus Ethernet(ReadOnlySpan<byte> frame, ref Packet packet)
    {
        if (frame.Length < 14)
            return DecodeStatus.Truncated;
        return EtherType(BinaryPrimitives.ReadUInt16BigEndian(frame[12..]), frame[14..], ref packet);
    }

    /// <summary>Linux cooked capture v1: 16 bytes, protocol in the last two.</summary>
    private static DecodeStatus LinuxSll(ReadOnlySpan<byte> frame, ref Packet packet)
    {
        if (frame.Length < 16)
            return DecodeStatus.Truncated;
        return EtherType(BinaryPrimitives.ReadUInt16BigEndian(frame[14..]), frame[16..], ref packet);
    }

    /// <summary>Linux cooked capture v2: 20 bytes, protocol in the first two.</summary>
    private static DecodeStatus LinuxSll2(ReadOnlySpan<byte> frame, ref Packet packet)
    {
        if (frame.Length < 20)
            return DecodeStatus.Truncated;
        return EtherType(BinaryPrimitives.ReadUInt16BigEndian(frame), frame[20..], ref packet);
    }

    private static DecodeStatus RawIp(ReadOnlySpan<byte> frame, ref Packet packet)
    {
        if (frame.IsEmpty)
            return DecodeStatus.Truncated;
        return (frame[0] >> 4) switch
        {
            4 => IpDecoder.DecodeV4(frame, ref packet),
            6 => IpDecoder.DecodeV6(frame, ref packet),
            _ => DecodeStatus.Malformed,
        };
    }

    /// <summary>BSD loopback: a host-order (here little-endian) AF_ value; AF_INET6 differs per BSD.</summary>
    private static DecodeStatus Null(ReadOnlySpan<byte> frame, ref Packet packet)
    {
        if (frame.Length < 4)
            return DecodeStatus.Truncated;
        var family = BinaryPrimitives.ReadUInt32LittleEndian(frame);
        if (family > 0xFFFF)
            family = BinaryPrimitives.ReadUInt32BigEndian(frame);
        return family switch
        {
            2 => IpDecoder.DecodeV4(frame[4..], ref packet),
            10 or 24 or 28 or 30 => IpDecoder.DecodeV6(frame[4..], ref packet),
            _ => DecodeStatus.Unsupported,
        };
    }

    private static DecodeStatus EtherType(ushort etherType, ReadOnlySpan<byte> rest, ref Packet packet)
    {
        for (var tags = 0; etherType is EtherTypeVlan or EtherTypeQinQ or EtherTypeQinQLegacy; tags++)
        {
            packet.Layer = DecodeLayer.Vlan;
            if (tags == MaxVlanTags)
                return DecodeStatus.Malformed;
            if (rest.Length < 4)
                return DecodeStatus.Truncated;
            // The outer tag names the customer/service VLAN an operator configures; inner ones are kept by nobody yet.
            if (tags == 0)
                packet.VlanId = (ushort)(BinaryPrimitives.ReadUInt16BigEndian(rest) & 0x0FFF);
            etherType = BinaryPrimitives.ReadUInt16BigEndian(rest[2..]);
            rest = rest[4..];
        }
        return etherType switch
        {
            EtherTypeIpv4 => IpDecoder.DecodeV4(rest, ref packet),
            EtherTypeIpv6 => IpDecoder.DecodeV6(rest, ref packet),
            _ => DecodeStatus.Unsupported,
        };
    }
}
