using RustIds.Packets;
using RustIds.Testing;

namespace RustIds.Rules.Tests.Evaluation;

/// <summary>flowbits set, tested and cleared across the packets of a flow, in Suricata's rule order.</summary>
public sealed class FlowbitsTests
{
    [Fact]
    public void Evaluate_SetOnRequestTestedOnResponse_AlertsOnlyInTheFlowThatSetIt()
    {
        using var run = new RuleRun(
            "alert tcp any any -> any any (msg:\"login\"; flow:to_server; content:\"LOGIN\"; flowbits:set,logged_in; flowbits:noalert; sid:1;)",
            "alert tcp any any -> any any (msg:\"secret after login\"; flow:to_client; content:\"SECRET\"; flowbits:isset,logged_in; sid:2;)");
        var withLogin = new Conversation(clientPort: 40001, serverPort: 9000).Handshake().Client("LOGIN bob").Server("SECRET 1").Close();
        var withoutLogin = new Conversation(clientPort: 40002, serverPort: 9000).Handshake().Client("HELLO").Server("SECRET 2").Close();

        run.FeedAll(withLogin.Frames).FeedAll(withoutLogin.Frames).Finish();

        Assert.Equal(0, run.Count(1));
        Assert.Equal(1, run.Count(2));
    }

    [Fact]
    public void Evaluate_UnsetAndToggle_ChangeWhatLaterPacketsSee()
    {
        using var run = new RuleRun(
            "alert tcp any any -> any any (msg:\"set\"; content:\"A\"; flowbits:set,x; flowbits:noalert; sid:1;)",
            "alert tcp any any -> any any (msg:\"unset\"; content:\"B\"; flowbits:unset,x; flowbits:noalert; sid:2;)",
            "alert tcp any any -> any any (msg:\"toggle\"; content:\"C\"; flowbits:toggle,x; flowbits:noalert; sid:3;)",
            "alert tcp any any -> any any (msg:\"isset\"; content:\"?\"; flowbits:isset,x; sid:4;)",
            "alert tcp any any -> any any (msg:\"isnotset\"; content:\"?\"; flowbits:isnotset,x; sid:5;)");
        var conversation = new Conversation(serverPort: 9001).Handshake()
            .Client("A?")   // set, then isset sees it (setters run first)
            .Client("B?")   // unset -> isnotset
            .Client("C?")   // toggle on -> isset
            .Client("C?")   // toggle off -> isnotset
            .Close();

        run.FeedAll(conversation.Frames).Finish();

        Assert.Equal(2, run.Count(4));
        Assert.Equal(2, run.Count(5));
    }

    [SkippableFact]
    public void Evaluate_SuricataVerifyDetectFlowbits_ExpectedCountsPerSid()
    {
        // suricata-verify tests/detect-flowbits: its writepcap.py builds this one frame (VLAN 6, PA flags); the
        // rules and the expected counts are the shared copy's.
        var directory = Path.Combine(RepoPaths.SharedData, "conformance", "suricata-verify", "detect-flowbits");
        Skip.IfNot(Directory.Exists(directory), $"{directory} not present");
        var tcp = FrameBuilder.Tcp(IpAddr.Parse("5.6.7.8"), IpAddr.Parse("1.2.3.4"), 6666, 80, TcpFlags.Psh | TcpFlags.Ack, 0, 0,
            "GET /one/ HTTP/1.1\r\nHost: one.example.org\r\n\r\n"u8);
        var frame = FrameBuilder.Ethernet(FrameBuilder.Ip(IpAddr.Parse("5.6.7.8"), IpAddr.Parse("1.2.3.4"), IpProtocol.Tcp, tcp), 6);
        var rules = new RuleFileLoader().LoadFiles([Path.Combine(directory, "test.rules")]);
        Assert.Equal(0, rules.ErrorCount);
        using var run = new RuleRun(rules.Rules);

        run.Feed(frame).Finish();

        SuricataVerify.AssertExpectedCounts(directory, run);
    }
}
