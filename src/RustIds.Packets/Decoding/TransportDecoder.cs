using System.Buffers.Binary;

namespace RustIds.Packets.Decoding;

/// <summary>Decodes TCP, UDP, ICMP and ICMPv6 headers; other protocols keep the IP payload as payload.</summary>
internal static class TransportDecoder
{
    /// <param name="protocol">IP protocol (IPv6: the last next-header value).</param>
    /// <param name="data">The IP payload, already bounded by the IP length.</param>
    /// <param name="isFirstFragment">More fragments follow, so a transport length beyond <paramref name="data"/> is expected.</param>
    /// <param name="packet">Receives ports, flags, ICMP type/code and the payload.</param>
    public static DecodeStatus Decode(IpProtocol protocol, ReadOnlySpan<byte> data, bool isFirstFragment, ref Packet packet)
    {
        packet.Transport = data;
        switch (protocol)
        {
            case IpProtocol.Tcp:
                return Tcp(data, ref packet);
            case IpProtocol.Udp:
                return Udp(data, isFirstFragment, ref packet);
            case IpProtocol.Icmp or IpProtocol.IcmpV6:
                packet.Layer = DecodeLayer.Icmp;
                if (data.Length < 4)
                    return DecodeStatus.Truncated;
                packet.IcmpType = data[0];
                packet.IcmpCode = data[1];
                // As Suricata and Snort: the payload starts after the 8-byte header (type, code, checksum and the
                // 4 type-specific bytes such as echo id and sequence), which is what dsize and content see.
                packet.Payload = data.Length >= 8 ? data[8..] : default;
                return DecodeStatus.Ok;
            case IpProtocol.Gre:
                return TunnelDecoder.Gre(data, ref packet);
            default:
                packet.Layer = DecodeLayer.Other;
                // ESP, SCTP, IPv6-in-IPv4 ...: not decoded, but IP-level rules still see the bytes.
                packet.Payload = data;
                return DecodeStatus.Ok;
        }
    }

    private static DecodeStatus Tcp(ReadOnlySpan<byte> data, ref Packet packet)
    {
        packet.Layer = DecodeLayer.Tcp;
        if (data.Length < 20)
            return DecodeStatus.Truncated;
        packet.SourcePort = BinaryPrimitives.ReadUInt16BigEndian(data);
        packet.DestinationPort = BinaryPrimitives.ReadUInt16BigEndian(data[2..]);
        packet.TcpSequence = BinaryPrimitives.ReadUInt32BigEndian(data[4..]);
        packet.TcpAcknowledgement = BinaryPrimitives.ReadUInt32BigEndian(data[8..]);
        packet.TcpFlags = (TcpFlags)data[13];
        var headerLength = (data[12] >> 4) * 4;
        if (headerLength < 20)
            return DecodeStatus.Malformed;
        if (data.Length < headerLength)
            return DecodeStatus.Truncated;
        packet.Payload = data[headerLength..];
        return DecodeStatus.Ok;
    }

    private static DecodeStatus Udp(ReadOnlySpan<byte> data, bool isFirstFragment, ref Packet packet)
    {
        packet.Layer = DecodeLayer.Udp;
        if (data.Length < 8)
            return DecodeStatus.Truncated;
        packet.SourcePort = BinaryPrimitives.ReadUInt16BigEndian(data);
        packet.DestinationPort = BinaryPrimitives.ReadUInt16BigEndian(data[2..]);
        int length = BinaryPrimitives.ReadUInt16BigEndian(data[4..]);
        if (length < 8)
        {
            // Length 0 is legal only for IPv6 jumbograms (RFC 2675 §4); take what the IP layer bounded.
            if (length != 0)
                return DecodeStatus.Malformed;
            length = data.Length;
        }
        if (length > data.Length)
        {
            if (!isFirstFragment)
                return DecodeStatus.Truncated;
            length = data.Length;
        }
        packet.Payload = data[8..length];
        return packet.DestinationPort == TunnelDecoder.VxlanPort ? TunnelDecoder.Vxlan(packet.Payload, ref packet) : DecodeStatus.Ok;
    }
}
