using RustIds.Testing;

namespace RustIds.Rules.Tests.Evaluation;

/// <summary>TCP payload rules on the reassembled stream as well as on packets, over real frames through the packet path.</summary>
public sealed class StreamMatchingTests
{
    private const string Evil = "alert tcp any any -> any 9000 (msg:\"split\"; content:\"EVILCOMMAND\"; sid:1;)";

    private static Conversation Session() => new Conversation(serverPort: 9000).Handshake();

    [Fact]
    public void Evaluate_PatternSplitAcrossSegments_AlertsOnTheSegmentThatCompletesIt()
    {
        using var run = new RuleRun(Evil);
        var frames = Session().Client("xxEVIL").Client("COMMANDyy").Close().Frames;

        run.FeedAll(frames).Finish();

        Assert.Equal(1, run.Count(1));
        // Handshake 3 frames, then "xxEVIL" and its ACK, then "COMMANDyy": frame 6.
        Assert.Equal(["1@6"], run.Log);
        Assert.True(run.Evaluator.StreamBytesInspected >= 15);
    }

    [Theory]
    [InlineData("alert tcp-pkt any any -> any 9000 (content:\"EVILCOMMAND\"; sid:1;)")]
    [InlineData("alert tcp any any -> any 9000 (flow:established,no_stream; content:\"EVILCOMMAND\"; sid:1;)")]
    public void Evaluate_PacketOnlyRule_DoesNotSeeTheStream(string rule)
    {
        using var run = new RuleRun(rule);

        run.FeedAll(Session().Client("xxEVIL").Client("COMMANDyy").Close().Frames).Finish();

        Assert.Equal(0, run.Count(1));
    }

    [Theory]
    [InlineData("alert tcp-stream any any -> any 9000 (content:\"EVILCOMMAND\"; sid:1;)", 1)]
    [InlineData("alert tcp any any -> any 9000 (flow:established,only_stream; content:\"EVILCOMMAND\"; sid:1;)", 1)]
    [InlineData("alert tcp any any -> any 9000 (flow:established,no_stream; content:\"EVILCOMMAND\"; sid:1;)", 1)]
    public void Evaluate_PatternInOneSegment_AlertsOnceWhateverTheScope(string rule, int expected)
    {
        using var run = new RuleRun(rule);

        run.FeedAll(Session().Client("xxEVILCOMMANDyy").Close().Frames).Finish();

        Assert.Equal(expected, run.Count(1));
    }

    [Fact]
    public void Evaluate_StreamOnlyIpRule_StillMatchesUdpDatagramsWhichHaveNoStream()
    {
        // only_stream narrows TCP payload inspection; UDP has no stream, so an ip rule still inspects its datagrams.
        using var run = new RuleRun("alert ip any any -> any any (flow:only_stream; content:\"EVILCOMMAND\"; sid:1;)");
        var (client, server) = (Packets.IpAddr.Parse("10.0.0.5"), Packets.IpAddr.Parse("198.51.100.7"));
        var udp = Packets.FrameBuilder.Ethernet(Packets.FrameBuilder.Ip(client, server, Packets.IpProtocol.Udp,
            Packets.FrameBuilder.Udp(client, server, 5000, 9000, "EVILCOMMAND"u8)));

        run.Feed(udp).FeedAll(Session().Client("EVIL").Client("COMMAND").Close().Frames).Finish();

        Assert.Equal(["1@1", "1@7"], run.Log);
    }

    [Fact]
    public void Evaluate_PatternInOneSegmentThenUnrelatedData_AlertsOnceNotAgainFromTheWindow()
    {
        using var run = new RuleRun(Evil);

        run.FeedAll(Session().Client("EVILCOMMAND").Client("hello").Client("world").Close().Frames).Finish();

        Assert.Equal(1, run.Count(1));
    }

    [Fact]
    public void Evaluate_PatternRepeatedInLaterSegments_AlertsForEachSegment()
    {
        using var run = new RuleRun(Evil);

        run.FeedAll(Session().Client("EVILCOMMAND 1").Client("padding").Client("EVILCOMMAND 2").Close().Frames).Finish();

        Assert.Equal(2, run.Count(1));
    }

    [Theory]
    [InlineData("USER ", "root\r\n", 1)]
    [InlineData("USER guest", "\r\nroot\r\n", 0)]
    public void Evaluate_RelativeChainAcrossSegments_KeepsDistanceAndWithin(string first, string second, int expected)
    {
        using var run = new RuleRun("alert tcp any any -> any 9000 (content:\"USER \"; content:\"root\"; distance:0; within:4; sid:1;)");

        run.FeedAll(Session().Client(first).Client(second).Close().Frames).Finish();

        Assert.Equal(expected, run.Count(1));
    }

    [Theory]
    [InlineData(10)]
    [InlineData(40)]
    public void Evaluate_ManyRulesWhosePatternIsInTheEarlierSegment_AllCompletedByTheNextOne(int rules)
    {
        // Each rule's fast pattern ("K7:") lies wholly in the first segment and "GO" completes it: up to 16 are remembered,
        // beyond that the window is scanned whole, and either way every rule alerts once.
        var texts = Enumerable.Range(1, rules).Select(n => $"alert tcp any any -> any 9000 (content:\"K{n}:\"; content:\"GO\"; distance:0; sid:{n};)");
        using var run = new RuleRun([.. texts.Select(TestRules.Parse)]);
        var first = string.Concat(Enumerable.Range(1, rules).Select(n => $"K{n}: "));

        run.FeedAll(Session().Client(first).Client("GO").Client("more").Close().Frames).Finish();

        Assert.All(Enumerable.Range(1, rules), n => Assert.Equal(1, run.Count(n)));
    }

    [Fact]
    public void Evaluate_DepthRuleAtStreamStart_MatchesAcrossTheFirstSegments()
    {
        using var run = new RuleRun("alert tcp any any -> any 9000 (content:\"AB\"; depth:2; sid:1;)");

        run.FeedAll(Session().Client("A").Client("Bzzz").Close().Frames).Finish();

        Assert.Equal(1, run.Count(1));
    }

    [Fact]
    public void Evaluate_DepthRuleDeepInTheStream_NeverReadsTheWindowStartAsTheStreamStart()
    {
        // After 2,148 bytes the window holds the last 2,048: "EVIL" + 2,044 'z'. Its first byte is not the stream's,
        // so depth:4 must not match there, although the window (plus "qq") would satisfy the rule.
        using var run = new RuleRun("alert tcp any any -> any 9000 (content:\"EVIL\"; depth:4; content:\"qq\"; distance:0; sid:1;)");
        var filler = new string('z', 100) + "EVIL" + new string('z', 2044);
        var session = Session();
        for (var i = 0; i < filler.Length; i += 1000)
            session.Client(filler.Substring(i, Math.Min(1000, filler.Length - i)));

        run.FeedAll(session.Client("qq").Close().Frames).Finish();

        Assert.Equal(0, run.Count(1));
    }

    [Fact]
    public void Evaluate_HoleBetweenSegments_DoesNotJoinTheBytesAroundIt()
    {
        using var run = new RuleRun(Evil);

        run.FeedAll(Session().Client("xxEVIL").Lose(toServer: true, 10).Client("COMMANDyy").Close().Frames).Finish();

        Assert.Equal(0, run.Count(1));
    }

    [Fact]
    public void Evaluate_SegmentsOutOfOrder_MatchesOnceTheHoleFills()
    {
        using var run = new RuleRun(Evil);

        run.FeedAll(Session().SendReversed(toServer: true, "xxEVIL", "COMMANDyy").Close().Frames).Finish();

        Assert.Equal(1, run.Count(1));
    }

    [Theory]
    [InlineData(true, 1)]
    [InlineData(false, 0)]
    public void Evaluate_FlowDirection_AppliesToTheStreamsDirection(bool toServer, int expected)
    {
        using var run = new RuleRun("alert tcp any any -> any any (flow:established,to_server; content:\"EVILCOMMAND\"; sid:1;)");
        var session = Session();
        session.Send(toServer, "xxEVIL"u8.ToArray()).Send(toServer, "COMMANDyy"u8.ToArray());

        run.FeedAll(session.Close().Frames).Finish();

        Assert.Equal(expected, run.Count(1));
    }

    [Fact]
    public void Evaluate_WindowOfZero_InspectsEachChunkAlone()
    {
        using var run = new RuleRun([TestRules.Parse(Evil)], streamWindowBytes: 0);

        run.FeedAll(Session().Client("xxEVIL").Client("COMMANDyy").Close().Frames).Finish();

        Assert.Equal(0, run.Count(1));
    }

    [Fact]
    public void Evaluate_MoreOpenStreamsThanTheMemcapHolds_ExtraOnesInspectChunksAloneAndWindowsComeBackWhenStreamsEnd()
    {
        // 1 MiB holds 15 windows of 64 KiB: of 20 streams open at once, 15 find the split pattern and the other 5 see their
        // first chunk alone (refused). By their second chunk the first 15 have ended, so they get a window, but an empty one.
        using var run = new RuleRun([TestRules.Parse(Evil)], streamWindowBytes: 65536, streamWindowMemcapMiB: 1);
        var sessions = Enumerable.Range(0, 20).Select(i => new Conversation(clientPort: (ushort)(41000 + i), serverPort: 9000).Handshake().Client("xxEVIL")).ToList();
        foreach (var session in sessions)
            run.FeedAll(session.Frames);
        var firstHalves = sessions.Select(s => s.Frames.Count).ToList();
        for (var i = 0; i < sessions.Count; i++)
            run.FeedAll(sessions[i].Client("COMMANDyy").Close().Frames.Skip(firstHalves[i]));

        Assert.Equal(15, run.Count(1));
        Assert.Equal(5, run.Evaluator.StreamWindowsRefused);

        // Every stream ended and gave its window back: a new one gets a window again.
        run.FeedAll(new Conversation(clientPort: 42000, serverPort: 9000).Handshake().Client("xxEVIL").Client("COMMANDyy").Close().Frames).Finish();
        Assert.Equal(16, run.Count(1));
        Assert.Equal(5, run.Evaluator.StreamWindowsRefused);
    }

    [Fact]
    public void Evaluate_PatternSpanningMoreThanTheWindow_IsNotFound()
    {
        using var run = new RuleRun([TestRules.Parse("alert tcp any any -> any 9000 (content:\"HEAD\"; content:\"TAIL\"; distance:0; sid:1;)")], streamWindowBytes: 64);

        run.FeedAll(Session().Client("HEAD" + new string('.', 100)).Client("TAIL").Close().Frames).Finish();

        Assert.Equal(0, run.Count(1));
    }

    [SkippableFact]
    public void Evaluate_EtOpenOverGeneratedTraffic_ReusingTheStreamScanForThePacketChangesNoAlert()
    {
        var directory = Path.Combine(RepoPaths.SharedData, "rules", "et-open");
        Skip.IfNot(Directory.Exists(directory), $"{directory} not present");
        Skip.IfNot(GeneratedCapture.CanGenerate, "Debian's python3 is needed to generate the capture");
        using var temp = new TempDirectory();
        var path = GeneratedCapture.Create(temp.Path, "conformance", 6000, seed: 11);
        var rules = new RuleFileLoader().LoadFiles(Directory.GetFiles(directory, "*.rules")).Rules;

        using var reusing = new RuleRun(rules);
        reusing.FeedPcap(path).Finish();
        using var scanning = new RuleRun(rules);
        scanning.Evaluator.ReuseStreamScan = false;
        scanning.FeedPcap(path).Finish();

        Assert.NotEmpty(reusing.Log);
        Assert.True(reusing.Evaluator.StreamBytesInspected > 100_000, $"{reusing.Evaluator.StreamBytesInspected} stream bytes");
        Assert.Equal(scanning.Log, reusing.Log);
    }
}
