namespace RustIds.Packets.Tests;

public sealed class PacketDecoderTests
{
    public static TheoryData<int> TcpV4CutLengths => [.. Enumerable.Range(0, Frames.TcpV4WithOptions().Length + 1)];

    public static TheoryData<int> TcpV6CutLengths => [.. Enumerable.Range(0, Frames.TcpV6WithExtensions().Length + 1)];

    [Theory]
    [MemberData(nameof(TcpV4CutLengths))]
    public void Decode_TcpV4CutAtLength_TruncatedUntilComplete(int length)
    {
        var frame = Frames.TcpV4WithOptions();
        var packet = default(Packet);
        var status = PacketDecoder.Decode(LinkType.Ethernet, frame.AsSpan(0, length), ref packet);
        Assert.Equal(length == frame.Length ? DecodeStatus.Ok : DecodeStatus.Truncated, status);
    }

    [Theory]
    [MemberData(nameof(TcpV6CutLengths))]
    public void Decode_TcpV6WithExtensionsCutAtLength_TruncatedUntilComplete(int length)
    {
        var frame = Frames.TcpV6WithExtensions();
        var packet = default(Packet);
        var status = PacketDecoder.Decode(LinkType.Ethernet, frame.AsSpan(0, length), ref packet);
        Assert.Equal(length == frame.Length ? DecodeStatus.Ok : DecodeStatus.Truncated, status);
    }

    [Fact]
    public void Decode_TcpV4WithOptions_FillsEveryField()
    {
        var packet = default(Packet);
        var status = PacketDecoder.Decode(LinkType.Ethernet, Frames.TcpV4WithOptions(), ref packet);
        Assert.Equal(DecodeStatus.Ok, status);
        Assert.Equal(Frames.ClientV4, packet.Source);
        Assert.Equal(Frames.ServerV4, packet.Destination);
        Assert.Equal(IpProtocol.Tcp, packet.Protocol);
        Assert.Equal(64, packet.Ttl);
        Assert.Equal((40000, 80), (packet.SourcePort, packet.DestinationPort));
        Assert.Equal(TcpFlags.Psh | TcpFlags.Ack, packet.TcpFlags);
        Assert.Equal((1000u, 2000u), (packet.TcpSequence, packet.TcpAcknowledgement));
        Assert.Equal("GET / HTTP"u8.ToArray(), packet.Payload.ToArray());
    }

    [Fact]
    public void Decode_PaddedEthernetFrame_PayloadTrimmedByTotalLength()
    {
        var frame = FrameBuilder.EthernetUdp(Frames.ClientV4, 1234, Frames.ServerV4, 5678, "x"u8);
        Assert.Equal(60, frame.Length);
        var packet = default(Packet);
        Assert.Equal(DecodeStatus.Ok, PacketDecoder.Decode(LinkType.Ethernet, frame, ref packet));
        Assert.Equal("x"u8.ToArray(), packet.Payload.ToArray());
    }

    [Fact]
    public void Decode_QinQ_KeepsOuterVlanId()
    {
        var frame = Frames.EthernetFrames().Single(f => f.Name == "qinq-tcp-v4").Frame;
        var packet = default(Packet);
        Assert.Equal(DecodeStatus.Ok, PacketDecoder.Decode(LinkType.Ethernet, frame, ref packet));
        Assert.Equal(200, packet.VlanId);
        Assert.Equal(80, packet.DestinationPort);
    }

    [Theory]
    [InlineData("udp-v4-last-fragment")]
    [InlineData("udp-v6-last-fragment")]
    public void Decode_NonFirstFragment_ProtocolWithoutPorts(string name)
    {
        var ip = Frames.IpPackets().Single(p => p.Name == name).Ip;
        var packet = default(Packet);
        Assert.Equal(DecodeStatus.Ok, PacketDecoder.Decode(LinkType.Raw, ip, ref packet));
        Assert.Equal(IpProtocol.Udp, packet.Protocol);
        Assert.Equal((0, 0), (packet.SourcePort, packet.DestinationPort));
    }

    [Fact]
    public void Decode_IcmpEcho_TypeCodeAndBodyAfterHeader()
    {
        var ip = Frames.IpPackets().Single(p => p.Name == "icmp-v4-echo").Ip;
        var packet = default(Packet);
        Assert.Equal(DecodeStatus.Ok, PacketDecoder.Decode(LinkType.Raw, ip, ref packet));
        Assert.Equal((8, 0), (packet.IcmpType, packet.IcmpCode));
        // Echo id and sequence belong to the 8-byte header; the payload is the 4 data bytes "ping".
        Assert.Equal("ping"u8.ToArray(), packet.Payload.ToArray());
    }

    [Fact]
    public void Decode_TooManyIpv6ExtensionHeaders_Malformed()
    {
        var chain = new List<byte>();
        for (var i = 0; i < 9; i++)
            chain.AddRange([60, 0, 1, 4, 0, 0, 0, 0]);
        chain[^8] = 59;
        var ip = FrameBuilder.Ipv6(Frames.ClientV6, Frames.ServerV6, 60, chain.ToArray());
        var packet = default(Packet);
        Assert.Equal(DecodeStatus.Malformed, PacketDecoder.Decode(LinkType.Raw, ip, ref packet));
    }

    [Theory]
    [InlineData(0x45, 19, DecodeStatus.Malformed)] // total length below the header
    [InlineData(0x44, 40, DecodeStatus.Malformed)] // IHL 4: header shorter than 20 bytes
    [InlineData(0x55, 40, DecodeStatus.Malformed)] // version 5
    public void Decode_BadIpv4Header_Malformed(byte versionAndIhl, ushort totalLength, DecodeStatus expected)
    {
        var ip = FrameBuilder.Ip(Frames.ClientV4, Frames.ServerV4, IpProtocol.Udp, FrameBuilder.Udp(Frames.ClientV4, Frames.ServerV4, 1, 2, new byte[12]));
        ip[0] = versionAndIhl;
        ip[2] = (byte)(totalLength >> 8);
        ip[3] = (byte)totalLength;
        var packet = default(Packet);
        Assert.Equal(expected, PacketDecoder.Decode(LinkType.Ipv4, ip, ref packet));
    }

    [Fact]
    public void Decode_ArpFrame_Unsupported()
    {
        var frame = Frames.EthernetFrames().Single(f => f.Name == "arp").Frame;
        var packet = default(Packet);
        Assert.Equal(DecodeStatus.Unsupported, PacketDecoder.Decode(LinkType.Ethernet, frame, ref packet));
    }

    [Fact]
    public void Decode_ReusedPacket_ClearsPreviousFields()
    {
        var packet = default(Packet);
        PacketDecoder.Decode(LinkType.Ethernet, Frames.TcpV4WithOptions(), ref packet);
        var status = PacketDecoder.Decode(LinkType.Ethernet, Frames.EthernetFrames().Single(f => f.Name == "arp").Frame, ref packet);
        Assert.Equal(DecodeStatus.Unsupported, status);
        Assert.Equal(default, packet.Source);
        Assert.Equal(0, packet.SourcePort);
        Assert.True(packet.Payload.IsEmpty);
    }

    [Fact]
    public void Decode_TenThousandSeededMutations_NeverThrows()
    {
        var random = new Random(20250102);
        var seeds = Frames.EthernetFrames().Select(f => f.Frame).ToArray();
        LinkType[] linkTypes = [LinkType.Ethernet, LinkType.LinuxSll, LinkType.LinuxSll2, LinkType.Raw, LinkType.Null, LinkType.Ipv6];
        var tracker = new FlowTracker(new FlowTrackerOptions { MaxFlows = 1024 });
        var statuses = new int[4];
        for (var i = 0; i < 10_000; i++)
        {
            var frame = seeds[random.Next(seeds.Length)].ToArray();
            var mutations = random.Next(1, 9);
            for (var m = 0; m < mutations; m++)
                frame[random.Next(frame.Length)] = (byte)random.Next(256);
            var length = random.Next(4) == 0 ? random.Next(frame.Length + 1) : frame.Length;
            var packet = new Packet { TimestampTicks = Frames.BaseTicks + i, WireLength = length };
            var status = PacketDecoder.Decode(linkTypes[random.Next(linkTypes.Length)], frame.AsSpan(0, length), ref packet);
            statuses[(int)status]++;
            if (status == DecodeStatus.Ok)
                tracker.Track(ref packet);
        }
        Assert.All(statuses, count => Assert.True(count > 0, "every outcome should occur among 10k mutations"));
    }
}
