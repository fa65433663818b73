namespace RustIds.Packets.Tests;

public sealed class TunnelDecoderTests
{
    private static readonly IpAddr OuterA = IpAddr.Parse("192.0.2.1");
    private static readonly IpAddr OuterB = IpAddr.Parse("192.0.2.2");

    [Theory]
    [InlineData(0x0000)] // plain GRE: 4-byte header
    [InlineData(0xB000)] // checksum, key and sequence present: 16-byte header
    public void Decode_GreWithInnerIpv4Tcp_InnerPacketFields(int greFlags)
    {
        var inner = FrameBuilder.Ip(Frames.ClientV4, Frames.ServerV4, IpProtocol.Tcp, FrameBuilder.Tcp(Frames.ClientV4, Frames.ServerV4, 40000, 80, TcpFlags.Psh | TcpFlags.Ack, payload: "GET /"u8));
        var extra = ((greFlags & 0x8000) != 0 ? 4 : 0) + ((greFlags & 0x2000) != 0 ? 4 : 0) + ((greFlags & 0x1000) != 0 ? 4 : 0);
        var gre = new byte[4 + extra + inner.Length];
        gre[0] = (byte)(greFlags >> 8);
        gre[2] = 0x08; // protocol 0x0800
        inner.CopyTo(gre, 4 + extra);
        var frame = FrameBuilder.Ethernet(FrameBuilder.Ip(OuterA, OuterB, IpProtocol.Gre, gre), 7);

        var packet = default(Packet);
        Assert.Equal(DecodeStatus.Ok, PacketDecoder.Decode(LinkType.Ethernet, frame, ref packet));
        Assert.Equal((Frames.ClientV4, Frames.ServerV4), (packet.Source, packet.Destination));
        Assert.Equal((IpProtocol.Tcp, (ushort)40000, (ushort)80), (packet.Protocol, packet.SourcePort, packet.DestinationPort));
        Assert.Equal("GET /"u8.ToArray(), packet.Payload.ToArray());
        Assert.Equal(1, packet.TunnelDepth);
        Assert.Equal(7, packet.VlanId);
    }

    [Fact]
    public void Decode_VxlanWithInnerEthernetUdp_InnerPacketFields()
    {
        var innerFrame = FrameBuilder.EthernetUdp(Frames.ClientV4, 5353, Frames.ServerV4, 53, "query"u8);
        var vxlan = new byte[8 + innerFrame.Length];
        vxlan[0] = 0x08; // I flag: VNI present
        vxlan[6] = 0x2A; // VNI 42
        innerFrame.CopyTo(vxlan, 8);
        var frame = FrameBuilder.EthernetUdp(OuterA, 33333, OuterB, 4789, vxlan);

        var packet = default(Packet);
        Assert.Equal(DecodeStatus.Ok, PacketDecoder.Decode(LinkType.Ethernet, frame, ref packet));
        Assert.Equal((Frames.ClientV4, (ushort)5353, (ushort)53), (packet.Source, packet.SourcePort, packet.DestinationPort));
        Assert.Equal("query"u8.ToArray(), packet.Payload.ToArray());
        Assert.Equal(1, packet.TunnelDepth);
    }

    [Fact]
    public void Decode_GreNestedBeyondLimit_StopsAtOuterPayload()
    {
        var packetBytes = FrameBuilder.Ip(Frames.ClientV4, Frames.ServerV4, IpProtocol.Udp, FrameBuilder.Udp(Frames.ClientV4, Frames.ServerV4, 1, 2, "x"u8));
        for (var i = 0; i < 6; i++)
        {
            var gre = new byte[4 + packetBytes.Length];
            gre[2] = 0x08;
            packetBytes.CopyTo(gre, 4);
            packetBytes = FrameBuilder.Ip(OuterA, OuterB, IpProtocol.Gre, gre);
        }
        var packet = default(Packet);
        Assert.Equal(DecodeStatus.Ok, PacketDecoder.Decode(LinkType.Raw, packetBytes, ref packet));
        Assert.Equal(3, packet.TunnelDepth);
        Assert.Equal(IpProtocol.Gre, packet.Protocol);
    }

    [Fact]
    public void Decode_GreTruncatedInner_CountedAtInnerLayer()
    {
        var inner = FrameBuilder.Ip(Frames.ClientV4, Frames.ServerV4, IpProtocol.Tcp, FrameBuilder.Tcp(Frames.ClientV4, Frames.ServerV4, 40000, 80, TcpFlags.Ack));
        var gre = new byte[4 + 30];
        gre[2] = 0x08;
        inner.AsSpan(0, 30).CopyTo(gre.AsSpan(4));
        var packet = default(Packet);
        var status = PacketDecoder.Decode(LinkType.Raw, FrameBuilder.Ip(OuterA, OuterB, IpProtocol.Gre, gre), ref packet);
        Assert.Equal(DecodeStatus.Truncated, status);
        Assert.Equal(DecodeLayer.Ipv4, packet.Layer);
    }
}
