using RustIds.Packets;

namespace RustIds.Rules.Tests.Evaluation;

/// <summary>Non-payload keywords on real frames: ICMP type and code ranges, TCP flags, sizes, IP header fields.</summary>
public sealed class HeaderKeywordTests
{
    private static readonly IpAddr A = IpAddr.Parse("10.0.0.1");
    private static readonly IpAddr B = IpAddr.Parse("10.0.0.2");

    [Theory]
    [InlineData("itype:8;", 1)]
    [InlineData("itype:<15;", 2)]
    [InlineData("itype:>7;", 1)]
    [InlineData("itype:7<>20;", 1)]
    [InlineData("itype:0-8;", 2)]
    [InlineData("icode:0;", 2)]
    [InlineData("itype:8; icmp_id:77; icmp_seq:3;", 1)]
    [InlineData("icmp_id:78;", 0)]
    [InlineData("dsize:4;", 2)]
    [InlineData("dsize:>4;", 0)]
    [InlineData("ttl:64;", 2)]
    [InlineData("ttl:<10;", 0)]
    [InlineData("ip_proto:1;", 2)]
    [InlineData("ip_proto:icmp;", 2)]
    [InlineData("ip_proto:!icmp;", 0)]
    [InlineData("id:1;", 2)]
    public void Evaluate_IcmpEchoAndReply_CountsAsSuricata(string options, int expected)
    {
        using var run = new RuleRun($"alert icmp any any -> any any (msg:\"t\"; {options} sid:1;)");

        // Echo request (type 8) and its reply (type 0), id 77, sequence 3, 4 data bytes.
        run.Feed(Icmp(A, B, 8)).Feed(Icmp(B, A, 0)).Finish();

        Assert.Equal(expected, run.Count(1));
    }

    [Theory]
    // Per frame (client, server) sequence numbers used: SYN (1,0), SYN-ACK (1,1), ACK (1,1), 5 bytes up (6,1), ACK (6,1),
    // 15 bytes down (6,16), ACK (6,16), FIN (7,16), FIN (7,17), ACK (7,17).
    [InlineData("stream_size:server,=,1;", 4)]
    [InlineData("stream_size:server,<,5;", 5)]
    [InlineData("stream_size:client,>,5;", 7)]
    [InlineData("stream_size:both,>,5;", 5)]
    [InlineData("stream_size:either,=,7;", 3)]
    [InlineData("stream_size:client,!=,1;", 7)]
    [InlineData("stream_size:server,>=,17;", 2)]
    [InlineData("stream_size:client,<=,1;", 3)]
    public void Evaluate_StreamSize_CountsSequenceNumbersLikeSuricata(string options, int expected)
    {
        using var run = new RuleRun($"alert tcp any any -> any any (msg:\"t\"; {options} sid:1;)");
        var frames = new Conversation().Handshake().Client("hello").Server("HTTP/1.0 200 OK").Close().Frames;

        run.FeedAll(frames).Finish();

        Assert.Equal(expected, run.Count(1));
    }

    [Fact]
    public void Evaluate_StreamSizeWithRetransmission_CountsTheSequenceSpaceOnce()
    {
        using var run = new RuleRun("alert tcp any any -> any any (msg:\"t\"; stream_size:client,>,6; sid:1;)");
        var frames = new Conversation().Handshake().Client("hello").Frames;
        frames.Add(frames[3]);

        run.FeedAll(frames).Finish();

        Assert.Equal(0, run.Count(1));
    }

    [Theory]
    [InlineData("flags:S;", 1)]
    [InlineData("flags:SA;", 1)]
    [InlineData("flags:S+;", 2)]
    [InlineData("flags:+S;", 2)]
    [InlineData("flags:*SF;", 4)]
    [InlineData("flags:!A;", 1)]
    [InlineData("flags:F,A;", 2)]
    [InlineData("flags:0;", 0)]
    [InlineData("window:65535;", 6)]
    [InlineData("seq:1000; flags:S;", 1)]
    [InlineData("flow:established,to_server; flags:A;", 2)]
    public void Evaluate_TcpFlags_ModifiersAndMasks(string options, int expected)
    {
        using var run = new RuleRun($"alert tcp any any -> any any (msg:\"t\"; {options} sid:1;)");
        var conversation = new Conversation(serverPort: 7000).Handshake().Close();

        run.FeedAll(conversation.Frames).Finish();

        Assert.Equal(expected, run.Count(1));
    }

    [Fact]
    public void Evaluate_SameIpAndFragbits_OnCraftedPackets()
    {
        using var run = new RuleRun(
            "alert ip any any -> any any (msg:\"land\"; sameip; sid:1;)",
            "alert ip any any -> any any (msg:\"df\"; fragbits:D; sid:2;)",
            "alert ip any any -> any any (msg:\"no mf\"; fragbits:!M; sid:3;)");
        var land = FrameBuilder.Ethernet(FrameBuilder.Ipv4(A, A, 17, FrameBuilder.Udp(A, A, 7, 7, "x"u8)));
        var ip = FrameBuilder.Ipv4(A, B, 17, FrameBuilder.Udp(A, B, 7, 8, "x"u8));
        ip[6] |= 0x40;
        ip[10] = ip[11] = 0;
        System.Buffers.Binary.BinaryPrimitives.WriteUInt16BigEndian(ip.AsSpan(10), FrameBuilder.Checksum(0, ip.AsSpan(0, 20)));
        var dontFragment = FrameBuilder.Ethernet(ip);

        run.Feed(land).Feed(dontFragment).Finish();

        Assert.Equal(1, run.Count(1));
        Assert.Equal(1, run.Count(2));
        Assert.Equal(2, run.Count(3));
    }

    [Fact]
    public void Evaluate_PassRule_SuppressesOtherAlertsOnThatPacket()
    {
        using var run = new RuleRun(
            "alert icmp any any -> any any (msg:\"any echo\"; itype:8; sid:1;)",
            "pass icmp 10.0.0.1 any -> any any (msg:\"trusted pinger\"; sid:2;)");

        run.Feed(Icmp(A, B, 8)).Feed(Icmp(B, A, 8)).Finish();

        Assert.Equal(1, run.Count(1));
        Assert.Equal(0, run.Count(2));
        Assert.Equal(["1@2"], run.Log);
    }

    private static byte[] Icmp(IpAddr source, IpAddr destination, byte type) =>
        FrameBuilder.Ethernet(FrameBuilder.Ip(source, destination, IpProtocol.Icmp, FrameBuilder.Icmp(source, destination, type, 0, [0, 77, 0, 3, .. "ping"u8])));
}
