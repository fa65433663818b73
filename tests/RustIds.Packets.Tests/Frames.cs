using System.Buffers.Binary;

namespace RustIds.Packets.Tests;

/// <summary>Sample frames covering every layer the decoder knows, built with <see cref="FrameBuilder"/>.</summary>
internal static class Frames
{
    public static readonly IpAddr ClientV4 = IpAddr.Parse("192.0.2.10");
    public static readonly IpAddr ServerV4 = IpAddr.Parse("198.51.100.20");
    public static readonly IpAddr ClientV6 = IpAddr.Parse("2001:db8::10");
    public static readonly IpAddr ServerV6 = IpAddr.Parse("2001:db8:1::20");

    public static readonly long BaseTicks = new DateTime(2025, 1, 2, 3, 4, 5, DateTimeKind.Utc).Ticks;

    /// <summary>Ethernet/IPv4 (with options)/TCP (with options) carrying 10 bytes; 72 bytes, no padding.</summary>
    public static byte[] TcpV4WithOptions()
    {
        var tcp = FrameBuilder.Tcp(ClientV4, ServerV4, 40000, 80, TcpFlags.Psh | TcpFlags.Ack, 1000, 2000, "GET / HTTP"u8, options: [2, 4, 5, 0xb4]);
        return FrameBuilder.Ethernet(FrameBuilder.Ipv4(ClientV4, ServerV4, 6, tcp, options: [1, 1, 1, 0]));
    }

    /// <summary>Ethernet/IPv6/hop-by-hop/destination options/TCP.</summary>
    public static byte[] TcpV6WithExtensions()
    {
        var tcp = FrameBuilder.Tcp(ClientV6, ServerV6, 40001, 443, TcpFlags.Syn, 7);
        byte[] extensions = [60, 0, 1, 4, 0, 0, 0, 0, /* destination options → TCP */ 6, 0, 1, 4, 0, 0, 0, 0];
        return FrameBuilder.Ethernet(FrameBuilder.Ipv6(ClientV6, ServerV6, 0, [.. extensions, .. tcp]));
    }

    /// <summary>A frame of each kind; names say what it exercises.</summary>
    public static IEnumerable<(string Name, byte[] Ip)> IpPackets()
    {
        yield return ("tcp-v4-syn", FrameBuilder.Ip(ClientV4, ServerV4, IpProtocol.Tcp, FrameBuilder.Tcp(ClientV4, ServerV4, 40000, 80, TcpFlags.Syn, 1)));
        yield return ("tcp-v4-options", TcpV4WithOptions()[14..]);
        yield return ("udp-v4-dns", FrameBuilder.Ip(ClientV4, ServerV4, IpProtocol.Udp, FrameBuilder.Udp(ClientV4, ServerV4, 53000, 53, "\x12\x34\x01\x00\x00\x01\x00\x00\x00\x00\x00\x00\x03www\x07example\x03com\x00\x00\x01\x00\x01"u8)));
        yield return ("udp-v4-short", FrameBuilder.Ip(ClientV4, ServerV4, IpProtocol.Udp, FrameBuilder.Udp(ClientV4, ServerV4, 1234, 5678, "x"u8)));
        yield return ("icmp-v4-echo", FrameBuilder.Ip(ClientV4, ServerV4, IpProtocol.Icmp, FrameBuilder.Icmp(ClientV4, ServerV4, 8, 0, [0, 1, 0, 1, .. "ping"u8])));
        var fragmentPayload = FrameBuilder.Udp(ClientV4, ServerV4, 5000, 6000, new byte[64]);
        yield return ("udp-v4-first-fragment", FrameBuilder.Ipv4(ClientV4, ServerV4, 17, fragmentPayload.AsSpan(0, 32), identification: 77, moreFragments: true));
        yield return ("udp-v4-last-fragment", FrameBuilder.Ipv4(ClientV4, ServerV4, 17, fragmentPayload.AsSpan(32), identification: 77, fragmentOffset: 32));
        yield return ("gre-v4", FrameBuilder.Ipv4(ClientV4, ServerV4, 47, [0, 0, 0x88, 0xbe]));
        yield return ("tcp-v6-syn", FrameBuilder.Ip(ClientV6, ServerV6, IpProtocol.Tcp, FrameBuilder.Tcp(ClientV6, ServerV6, 40001, 443, TcpFlags.Syn, 7)));
        yield return ("tcp-v6-extensions", TcpV6WithExtensions()[14..]);
        yield return ("udp-v6", FrameBuilder.Ip(ClientV6, ServerV6, IpProtocol.Udp, FrameBuilder.Udp(ClientV6, ServerV6, 546, 547, "dhcp"u8)));
        yield return ("icmp-v6-echo", FrameBuilder.Ip(ClientV6, ServerV6, IpProtocol.IcmpV6, FrameBuilder.Icmp(ClientV6, ServerV6, 128, 0, [0, 1, 0, 1])));
        var udp6 = FrameBuilder.Udp(ClientV6, ServerV6, 7000, 8000, new byte[40]);
        yield return ("udp-v6-first-fragment", FrameBuilder.Ipv6(ClientV6, ServerV6, 44, [17, 0, 0, 1, 0, 0, 0, 9, .. udp6.AsSpan(0, 24)]));
        yield return ("udp-v6-last-fragment", FrameBuilder.Ipv6(ClientV6, ServerV6, 44, [17, 0, 0, 24, 0, 0, 0, 9, .. udp6.AsSpan(24)]));
        byte[] routing = [17, 2, 0, 0, 0, 0, 0, 0, .. ServerV6.ToIPAddress().GetAddressBytes()];
        yield return ("udp-v6-routing", FrameBuilder.Ipv6(ClientV6, ServerV6, 43, [.. routing, .. FrameBuilder.Udp(ClientV6, ServerV6, 9000, 9001, "r"u8)]));
    }

    /// <summary>Ethernet frames, including VLAN, QinQ and a non-IP (ARP) frame.</summary>
    public static IEnumerable<(string Name, byte[] Frame)> EthernetFrames()
    {
        foreach (var (name, ip) in IpPackets())
            yield return (name, FrameBuilder.Ethernet(ip));
        var syn = FrameBuilder.Ip(ClientV4, ServerV4, IpProtocol.Tcp, FrameBuilder.Tcp(ClientV4, ServerV4, 40000, 80, TcpFlags.Syn, 1));
        yield return ("vlan-tcp-v4", FrameBuilder.Ethernet(syn, 100));
        yield return ("qinq-tcp-v4", FrameBuilder.Ethernet(syn, 200, 300));
        yield return ("vlan-udp-v6", FrameBuilder.Ethernet(FrameBuilder.Ip(ClientV6, ServerV6, IpProtocol.Udp, FrameBuilder.Udp(ClientV6, ServerV6, 1, 2)), 42));
        yield return ("arp", FrameBuilder.Ethernet(0x0806, [0, 1, 8, 0, 6, 4, 0, 1, 2, 0, 0, 0, 0, 1, 192, 0, 2, 10, 0, 0, 0, 0, 0, 0, 192, 0, 2, 1]));
    }

    /// <summary>Wraps an IP packet in the link layer of <paramref name="linkType"/>.</summary>
    public static byte[] Link(LinkType linkType, byte[] ip)
    {
        var etherType = (ushort)(ip[0] >> 4 == 6 ? 0x86DD : 0x0800);
        switch (linkType)
        {
            case LinkType.Raw:
                return ip;
            case LinkType.LinuxSll:
            {
                var frame = new byte[16 + ip.Length];
                BinaryPrimitives.WriteUInt16BigEndian(frame, 0); // packet to us
                BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(2), 1); // ARPHRD_ETHER
                BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(4), 6);
                BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(14), etherType);
                ip.CopyTo(frame, 16);
                return frame;
            }
            case LinkType.LinuxSll2:
            {
                var frame = new byte[20 + ip.Length];
                BinaryPrimitives.WriteUInt16BigEndian(frame, etherType);
                BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(4), 2); // ifindex
                BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(8), 1); // ARPHRD_ETHER
                frame[11] = 6;
                ip.CopyTo(frame, 20);
                return frame;
            }
            case LinkType.Null:
            {
                var frame = new byte[4 + ip.Length];
                BinaryPrimitives.WriteUInt32LittleEndian(frame, etherType == 0x0800 ? 2u : 30u);
                ip.CopyTo(frame, 4);
                return frame;
            }
            default:
                return FrameBuilder.Ethernet(ip);
        }
    }
}
