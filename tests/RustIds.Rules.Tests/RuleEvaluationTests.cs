using RustIds.Packets;

namespace RustIds.Rules.Tests;

public sealed class RuleEvaluationTests
{
    private const string SqlRule = "alert tcp any any -> $HOME_NET 80 (msg:\"SQL injection UNION SELECT\"; flow:to_server,established; content:\"UNION\"; nocase; content:\"SELECT\"; nocase; distance:0; classtype:web-application-attack; sid:1000001; rev:1;)";

    [Theory]
    [InlineData("GET /?id=1 union select password from users HTTP/1.1", FlowDirection.ToServer, true, true)]
    [InlineData("GET /?id=1 UnIoN/**/SeLeCt 1 HTTP/1.1", FlowDirection.ToServer, true, true)]
    [InlineData("GET /?id=1 union select password from users HTTP/1.1", FlowDirection.ToServer, false, false)]
    [InlineData("GET /?id=1 union select password from users HTTP/1.1", FlowDirection.ToClient, true, false)]
    [InlineData("GET /?id=1 select x union all HTTP/1.1", FlowDirection.ToServer, true, false)]
    [InlineData("GET /index.html HTTP/1.1", FlowDirection.ToServer, true, false)]
    public void Evaluate_SqlInjectionRule_MatchesOnlyEstablishedToServer(string payload, FlowDirection direction, bool established, bool expected)
    {
        var set = TestRules.Compile(SqlRule);
        var packet = TestPackets.Tcp(TestPackets.Bytes(payload), direction: direction, established: established);

        var matches = TestPackets.Run(set, packet);

        Assert.Equal(expected, matches.Length == 1);
        if (expected)
            Assert.Equal((1000001L, 1, "Web Application Attack"), (set.GetRule(matches[0]).Sid, set.GetRule(matches[0]).Priority, set.GetRule(matches[0]).Category));
    }

    [Theory]
    [InlineData("192.168.1.10", 80, true)]
    [InlineData("192.168.1.10", 8080, false)]
    [InlineData("8.8.8.8", 80, false)]
    public void Evaluate_SqlInjectionRule_ChecksDestinationAddressAndPort(string destination, int port, bool expected)
    {
        var set = TestRules.Compile(SqlRule);
        var packet = TestPackets.Tcp(TestPackets.Bytes("union select"), destination: destination, destinationPort: (ushort)port);

        Assert.Equal(expected, TestPackets.Run(set, packet).Length == 1);
    }

    [Theory]
    [InlineData("->", "10.0.0.1", 1234, "8.8.8.8", 53, true)]
    [InlineData("->", "8.8.8.8", 53, "10.0.0.1", 1234, false)]
    [InlineData("<>", "8.8.8.8", 53, "10.0.0.1", 1234, true)]
    [InlineData("<>", "8.8.8.8", 1234, "10.0.0.1", 53, false)]
    public void Evaluate_Direction_BidirectionalMatchesBothOrientations(string direction, string source, int sourcePort, string destination, int destinationPort, bool expected)
    {
        var set = TestRules.Compile($"alert udp $HOME_NET any {direction} $EXTERNAL_NET 53 (msg:\"dns\"; sid:1;)");
        var packet = TestPackets.Tcp([], source, (ushort)sourcePort, destination, (ushort)destinationPort, protocol: IpProtocol.Udp);

        Assert.Equal(expected, TestPackets.Run(set, packet).Length == 1);
    }

    [Theory]
    [InlineData("flow:to_client;", FlowDirection.ToClient, false, true)]
    [InlineData("flow:from_server;", FlowDirection.ToServer, false, false)]
    [InlineData("flow:from_client;", FlowDirection.ToServer, false, true)]
    [InlineData("flow:established;", FlowDirection.Unknown, true, true)]
    [InlineData("flow:not_established;", FlowDirection.ToServer, true, false)]
    [InlineData("flow:not_established;", FlowDirection.ToServer, false, true)]
    [InlineData("flow:stateless;", FlowDirection.Unknown, false, true)]
    [InlineData("flow:to_server;", FlowDirection.Unknown, true, false)]
    public void Evaluate_FlowOptions_UseDirectionAndEstablished(string flow, FlowDirection direction, bool established, bool expected)
    {
        var set = TestRules.Compile($"alert tcp any any -> any any (msg:\"f\"; {flow} sid:1;)");
        var packet = TestPackets.Tcp([], direction: direction, established: established);

        Assert.Equal(expected, TestPackets.Run(set, packet).Length == 1);
    }

    [Fact]
    public void Evaluate_ProtocolGroups_RouteRulesAndKeepRuleOrder()
    {
        var set = TestRules.Compile(
            "alert udp any any -> any any (msg:\"udp\"; sid:1;)",
            "alert ip any any -> any any (msg:\"ip\"; sid:2;)",
            "alert tcp any any -> any any (msg:\"tcp\"; sid:3;)",
            "alert icmp any any -> any any (msg:\"icmp\"; sid:4;)",
            "alert tcp any any -> any 22 (msg:\"ssh\"; sid:5;)");

        Assert.Equal([1, 2], TestPackets.Run(set, TestPackets.Tcp([], protocol: IpProtocol.Tcp)));
        Assert.Equal([0, 1], TestPackets.Run(set, TestPackets.Tcp([], protocol: IpProtocol.Udp)));
        Assert.Equal([1, 3], TestPackets.Run(set, TestPackets.Tcp([], protocol: IpProtocol.IcmpV6)));
        Assert.Equal(5, set.Count);
    }

    [Fact]
    public void Evaluate_MatchBufferFull_StopsAtCapacity()
    {
        var set = TestRules.Compile(
            "alert tcp any any -> any any (msg:\"a\"; sid:1;)",
            "alert tcp any any -> any any (msg:\"b\"; sid:2;)",
            "alert tcp any any -> any any (msg:\"c\"; sid:3;)");
        Span<int> matches = stackalloc int[2];

        Assert.Equal(2, set.Evaluate(TestPackets.Tcp([]), matches));
    }

    [Fact]
    public void Evaluate_IcmpPacketAgainstPortRule_DoesNotMatch()
    {
        var set = TestRules.Compile("alert ip any any -> any 80 (msg:\"p\"; sid:1;)");

        Assert.Empty(TestPackets.Run(set, TestPackets.Tcp([], protocol: IpProtocol.Icmp)));
    }
}
