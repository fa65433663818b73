using System.Buffers.Binary;
using RustIds.Packets.Decoding;

namespace RustIds.Packets;

/// <summary>Checks the IPv4 header, TCP, UDP, ICMP and ICMPv6 checksums of a decoded packet.</summary>
/// <remarks>
/// Optional (off by default for live capture): NICs with checksum offload hand the capture outgoing
/// packets whose checksums the hardware fills in later, so on a gateway's own traffic they look wrong.
/// Where it is on, a packet with a bad checksum is one the receiver drops too, so the pipeline does not
/// feed it to flows or streams (an evasion trick otherwise: data the IDS sees but the host never does).
/// </remarks>
public static class ChecksumValidator
{
    /// <summary>Checks the checksums of <paramref name="packet"/>, decoded with <see cref="DecodeStatus.Ok"/>.</summary>
    public static ChecksumStatus Validate(in Packet packet)
    {
        if (packet.IsFragment || packet.Network.IsEmpty)
            return ChecksumStatus.NotChecked;
        var isV4 = packet.Source.IsV4;
        if (isV4)
        {
            var headerLength = (packet.Network[0] & 0x0F) * 4;
            if (InternetChecksum.Finish(InternetChecksum.Add(0, packet.Network[..headerLength])) != 0)
                return ChecksumStatus.Ipv4HeaderInvalid;
        }
        var segment = packet.Transport;
        switch (packet.Protocol)
        {
            case IpProtocol.Tcp:
                return TransportValid(in packet, segment) ? ChecksumStatus.Valid : ChecksumStatus.TcpInvalid;
            case IpProtocol.Udp:
                // A zero UDP checksum over IPv4 means "not computed" (RFC 768); IPv6 requires one (RFC 8200 §8.1).
                if (isV4 && segment.Length >= 8 && BinaryPrimitives.ReadUInt16BigEndian(segment[6..]) == 0)
                    return ChecksumStatus.Valid;
                return TransportValid(in packet, segment) ? ChecksumStatus.Valid : ChecksumStatus.UdpInvalid;
            case IpProtocol.Icmp:
                return InternetChecksum.Finish(InternetChecksum.Add(0, segment)) == 0 ? ChecksumStatus.Valid : ChecksumStatus.IcmpInvalid;
            case IpProtocol.IcmpV6:
                return TransportValid(in packet, segment) ? ChecksumStatus.Valid : ChecksumStatus.IcmpInvalid;
            default:
                return ChecksumStatus.NotChecked;
        }
    }

    private static bool TransportValid(in Packet packet, ReadOnlySpan<byte> segment)
    {
        var sum = InternetChecksum.PseudoHeader(packet.Source, packet.Destination, packet.Protocol, segment.Length);
        return InternetChecksum.Finish(InternetChecksum.Add(sum, segment)) == 0;
    }
}
