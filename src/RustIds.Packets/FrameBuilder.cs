using System.Buffers.Binary;
using RustIds.Packets.Decoding;

namespace RustIds.Packets;

/// <summary>Builds Ethernet, IPv4, IPv6, TCP, UDP and ICMP frames with correct lengths and checksums.</summary>
/// <remarks>
/// For tests, benchmarks and tools that generate captures: allocates a new array per call, so it
/// never belongs on the hot path. Layers nest: <c>Ethernet(Ip(src, dst, Tcp(...)))</c>.
/// </remarks>
public static class FrameBuilder
{
    public const ushort EtherTypeIpv4 = 0x0800;
    public const ushort EtherTypeIpv6 = 0x86DD;
    public const ushort EtherTypeVlan = 0x8100;
    public const ushort EtherTypeQinQ = 0x88A8;

    private static ReadOnlySpan<byte> DestinationMac => [0x02, 0x00, 0x00, 0x00, 0x00, 0x02];

    private static ReadOnlySpan<byte> SourceMac => [0x02, 0x00, 0x00, 0x00, 0x00, 0x01];

    /// <summary>Ethernet II frame, padded to the 60-byte minimum; with VLAN ids, outer tags use 0x88a8 and the innermost 0x8100.</summary>
    public static byte[] Ethernet(ushort etherType, ReadOnlySpan<byte> payload, params ReadOnlySpan<ushort> vlanIds)
    {
        var headerLength = 14 + (4 * vlanIds.Length);
        var frame = new byte[Math.Max(60, headerLength + payload.Length)];
        DestinationMac.CopyTo(frame);
        SourceMac.CopyTo(frame.AsSpan(6));
        var offset = 12;
        for (var i = 0; i < vlanIds.Length; i++)
        {
            var tpid = i < vlanIds.Length - 1 ? EtherTypeQinQ : EtherTypeVlan;
            BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(offset), tpid);
            BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(offset + 2), (ushort)(vlanIds[i] & 0x0FFF));
            offset += 4;
        }
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(offset), etherType);
        payload.CopyTo(frame.AsSpan(offset + 2));
        return frame;
    }

    /// <summary>Ethernet frame carrying an IP packet; the EtherType follows the IP version nibble.</summary>
    public static byte[] Ethernet(ReadOnlySpan<byte> ipPacket, params ReadOnlySpan<ushort> vlanIds) =>
        Ethernet(ipPacket.Length > 0 && ipPacket[0] >> 4 == 6 ? EtherTypeIpv6 : EtherTypeIpv4, ipPacket, vlanIds);

    /// <summary>IPv4 or IPv6 packet, by the family of <paramref name="source"/>.</summary>
    public static byte[] Ip(IpAddr source, IpAddr destination, IpProtocol protocol, ReadOnlySpan<byte> transport) =>
        source.IsV4 ? Ipv4(source, destination, (byte)protocol, transport) : Ipv6(source, destination, (byte)protocol, transport);

    /// <summary>IPv4 packet with header checksum; <paramref name="fragmentOffset"/> is in bytes (a multiple of 8).</summary>
    public static byte[] Ipv4(
        IpAddr source,
        IpAddr destination,
        byte protocol,
        ReadOnlySpan<byte> payload,
        byte ttl = 64,
        ushort identification = 1,
        int fragmentOffset = 0,
        bool moreFragments = false,
        ReadOnlySpan<byte> options = default)
    {
        var headerLength = 20 + ((options.Length + 3) & ~3);
        var packet = new byte[headerLength + payload.Length];
        var span = packet.AsSpan();
        span[0] = (byte)(0x40 | (headerLength / 4));
        BinaryPrimitives.WriteUInt16BigEndian(span[2..], (ushort)packet.Length);
        BinaryPrimitives.WriteUInt16BigEndian(span[4..], identification);
        BinaryPrimitives.WriteUInt16BigEndian(span[6..], (ushort)((moreFragments ? 0x2000 : 0) | ((fragmentOffset / 8) & 0x1FFF)));
        span[8] = ttl;
        span[9] = protocol;
        source.WriteBytes(span[12..]);
        destination.WriteBytes(span[16..]);
        options.CopyTo(span[20..]);
        BinaryPrimitives.WriteUInt16BigEndian(span[10..], Checksum(0, span[..headerLength]));
        payload.CopyTo(span[headerLength..]);
        return packet;
    }

    /// <summary>IPv6 packet; <paramref name="payload"/> may start with extension headers named by <paramref name="nextHeader"/>.</summary>
    public static byte[] Ipv6(IpAddr source, IpAddr destination, byte nextHeader, ReadOnlySpan<byte> payload, byte hopLimit = 64)
    {
        var packet = new byte[40 + payload.Length];
        var span = packet.AsSpan();
        span[0] = 0x60;
        BinaryPrimitives.WriteUInt16BigEndian(span[4..], (ushort)payload.Length);
        span[6] = nextHeader;
        span[7] = hopLimit;
        source.WriteBytes(span[8..]);
        destination.WriteBytes(span[24..]);
        payload.CopyTo(span[40..]);
        return packet;
    }

    /// <summary>TCP segment with checksum over the pseudo-header of <paramref name="source"/> and <paramref name="destination"/>.</summary>
    public static byte[] Tcp(
        IpAddr source,
        IpAddr destination,
        ushort sourcePort,
        ushort destinationPort,
        TcpFlags flags,
        uint sequence = 0,
        uint acknowledgement = 0,
        ReadOnlySpan<byte> payload = default,
        ReadOnlySpan<byte> options = default)
    {
        var headerLength = 20 + ((options.Length + 3) & ~3);
        var segment = new byte[headerLength + payload.Length];
        var span = segment.AsSpan();
        BinaryPrimitives.WriteUInt16BigEndian(span, sourcePort);
        BinaryPrimitives.WriteUInt16BigEndian(span[2..], destinationPort);
        BinaryPrimitives.WriteUInt32BigEndian(span[4..], sequence);
        BinaryPrimitives.WriteUInt32BigEndian(span[8..], acknowledgement);
        span[12] = (byte)((headerLength / 4) << 4);
        span[13] = (byte)flags;
        BinaryPrimitives.WriteUInt16BigEndian(span[14..], 65535);
        options.CopyTo(span[20..]);
        payload.CopyTo(span[headerLength..]);
        BinaryPrimitives.WriteUInt16BigEndian(span[16..], TransportChecksum(source, destination, IpProtocol.Tcp, span));
        return segment;
    }

    /// <summary>UDP datagram with checksum.</summary>
    public static byte[] Udp(IpAddr source, IpAddr destination, ushort sourcePort, ushort destinationPort, ReadOnlySpan<byte> payload = default)
    {
        var datagram = new byte[8 + payload.Length];
        var span = datagram.AsSpan();
        BinaryPrimitives.WriteUInt16BigEndian(span, sourcePort);
        BinaryPrimitives.WriteUInt16BigEndian(span[2..], destinationPort);
        BinaryPrimitives.WriteUInt16BigEndian(span[4..], (ushort)datagram.Length);
        payload.CopyTo(span[8..]);
        var checksum = TransportChecksum(source, destination, IpProtocol.Udp, span);
        BinaryPrimitives.WriteUInt16BigEndian(span[6..], checksum == 0 ? (ushort)0xFFFF : checksum);
        return datagram;
    }

    /// <summary>ICMP (IPv4) or ICMPv6 message; <paramref name="rest"/> follows type, code and checksum (e.g. id and sequence).</summary>
    public static byte[] Icmp(IpAddr source, IpAddr destination, byte type, byte code, ReadOnlySpan<byte> rest = default)
    {
        var message = new byte[4 + rest.Length];
        var span = message.AsSpan();
        span[0] = type;
        span[1] = code;
        rest.CopyTo(span[4..]);
        var checksum = source.IsV4 ? Checksum(0, span) : TransportChecksum(source, destination, IpProtocol.IcmpV6, span);
        BinaryPrimitives.WriteUInt16BigEndian(span[2..], checksum);
        return message;
    }

    /// <summary>Ethernet + IP + TCP in one call.</summary>
    public static byte[] EthernetTcp(
        IpAddr source, ushort sourcePort, IpAddr destination, ushort destinationPort, TcpFlags flags, ReadOnlySpan<byte> payload = default, uint sequence = 0, uint acknowledgement = 0) =>
        Ethernet(Ip(source, destination, IpProtocol.Tcp, Tcp(source, destination, sourcePort, destinationPort, flags, sequence, acknowledgement, payload)));

    /// <summary>Ethernet + IP + UDP in one call.</summary>
    public static byte[] EthernetUdp(IpAddr source, ushort sourcePort, IpAddr destination, ushort destinationPort, ReadOnlySpan<byte> payload = default) =>
        Ethernet(Ip(source, destination, IpProtocol.Udp, Udp(source, destination, sourcePort, destinationPort, payload)));

    /// <summary>A DNS message with one A question for <paramref name="name"/> (and, when <paramref name="answer"/>, one A answer pointing back at it).</summary>
    /// <param name="id">The message id.</param>
    /// <param name="flags">The header flags: 0x0100 for a query, 0x8180 for a response.</param>
    /// <param name="name">A dotted name of ASCII labels.</param>
    /// <param name="answer">Add the answer record (192.0.2.1, TTL 60).</param>
    public static byte[] DnsA(ushort id, ushort flags, string name, bool answer)
    {
        ArgumentNullException.ThrowIfNull(name);
        var bytes = new List<byte>();
        Span<byte> header = stackalloc byte[12];
        BinaryPrimitives.WriteUInt16BigEndian(header, id);
        BinaryPrimitives.WriteUInt16BigEndian(header[2..], flags);
        BinaryPrimitives.WriteUInt16BigEndian(header[4..], 1);
        BinaryPrimitives.WriteUInt16BigEndian(header[6..], (ushort)(answer ? 1 : 0));
        bytes.AddRange(header.ToArray());
        foreach (var label in name.Split('.'))
        {
            bytes.Add((byte)label.Length);
            bytes.AddRange(System.Text.Encoding.ASCII.GetBytes(label));
        }
        bytes.AddRange([0, 0, 1, 0, 1]);
        if (answer)
            bytes.AddRange([0xC0, 0x0C, 0, 1, 0, 1, 0, 0, 0, 60, 0, 4, 192, 0, 2, 1]);
        return [.. bytes];
    }

    /// <summary>Internet checksum (RFC 1071) of <paramref name="data"/> added to a running sum.</summary>
    public static ushort Checksum(uint initial, ReadOnlySpan<byte> data) => InternetChecksum.Finish(InternetChecksum.Add(initial, data));

    private static ushort TransportChecksum(IpAddr source, IpAddr destination, IpProtocol protocol, ReadOnlySpan<byte> segment) =>
        InternetChecksum.Finish(InternetChecksum.Add(InternetChecksum.PseudoHeader(source, destination, protocol, segment.Length), segment));
}
