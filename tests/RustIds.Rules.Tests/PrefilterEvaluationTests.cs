using RustIds.Packets;
using Xunit.Abstractions;

namespace RustIds.Rules.Tests;

/// <summary>Prefiltered evaluation against trying every rule, on the real ET Open rules.</summary>
public sealed class PrefilterEvaluationTests
{
    private static readonly string EtOpen = Path.Combine(RustIds.Testing.RepoPaths.SharedData, "rules", "et-open");

    private static readonly IpAddr[] Addresses =
        [.. new[] { "192.168.1.10", "10.0.0.5", "172.16.4.2", "203.0.113.5", "8.8.8.8", "2001:db8::1" }.Select(IpAddr.Parse)];

    private static readonly IpProtocol[] Protocols = [IpProtocol.Tcp, IpProtocol.Tcp, IpProtocol.Udp, IpProtocol.Icmp, IpProtocol.IcmpV6, (IpProtocol)47];

    private static readonly int[] CommonPorts = [80, 443, 445, 139, 53, 21, 25, 1521, 40000];

    private readonly ITestOutputHelper _output;

    public PrefilterEvaluationTests(ITestOutputHelper output)
    {
        _output = output;
    }

    [SkippableFact]
    public void Evaluate_EtOpenGeneratedPackets_SameMatchesAsExhaustive()
    {
        Skip.IfNot(Directory.Exists(EtOpen), $"{EtOpen} not present");
        var files = Directory.GetFiles(EtOpen, "*.rules").Order(StringComparer.Ordinal).ToArray();
        // Packet rules only: app-layer rules are evaluated on transactions, covered elsewhere. Rules with thresholds
        // are left out because both evaluations share one counter table: the second would see the first's counts.
        var rules = new RuleFileLoader(RuleVariables.CreateDefault(), ClassificationTable.CreateDefault()).LoadFiles(files).Rules
            .Where(r => r.Event == Buffers.TxEvent.None && r.Threshold is null && r.DetectionFilter is null).ToList();
        Assert.NotEmpty(rules);
        var set = new CompiledRuleSet(rules);
        var random = new Random(20261204);
        var expected = new int[rules.Count];
        var actual = new int[rules.Count];
        var packets = 0;
        var matched = 0;
        var ports = new List<int>();

        for (var i = 0; i < 5000; i++)
        {
            // Aim each packet at one rule (its ports, its contents) so a good share of packets match something.
            var target = rules[random.Next(rules.Count)];
            var destinationPort = PickPort(target.DestinationPorts, random, ports);
            var sourcePort = PickPort(target.SourcePorts, random, ports);
            var reversed = random.Next(4) == 0;
            var payload = BuildPayload(target, random);
            var packet = new Packet
            {
                Source = PickAddress(reversed ? target.Destination : target.Source, random),
                Destination = PickAddress(reversed ? target.Source : target.Destination, random),
                SourcePort = (ushort)(reversed ? destinationPort : sourcePort),
                DestinationPort = (ushort)(reversed ? sourcePort : destinationPort),
                Protocol = random.Next(3) == 0 ? Protocols[random.Next(Protocols.Length)] : ToPacketProtocol(target.Protocol, random),
                Payload = payload,
                Direction = random.Next(4) == 0 ? FlowDirection.ToClient : (target.Flow & FlowOptions.ToClient) != 0 ? FlowDirection.ToClient : FlowDirection.ToServer,
                FlowEstablished = random.Next(4) != 0,
                FlowSlot = -1,
                AppProtocol = random.Next(4) == 0 ? Packets.AppLayer.AppProtocol.Unknown : target.AppProtocol,
            };

            var expectedCount = set.EvaluateExhaustive(packet, expected);
            var actualCount = set.Evaluate(packet, actual);

            Assert.Equal(expected.AsSpan(0, expectedCount).ToArray(), actual.AsSpan(0, actualCount).ToArray());
            packets++;
            matched += expectedCount > 0 ? 1 : 0;
        }

        _output.WriteLine($"{rules.Count} rules, {packets} packets, {matched} with a match");
        Assert.True(matched > packets / 20, $"only {matched} of {packets} packets matched a rule; the comparison proves little");
    }

    [Fact]
    public void Evaluate_FullMatchBuffer_StopsInRuleOrderLikeExhaustive()
    {
        var set = TestRules.Compile(
            "alert tcp any any -> any 80 (msg:\"a\"; content:\"x\"; sid:1;)",
            "alert tcp any any -> any any (msg:\"b\"; content:\"x\"; sid:2;)",
            "alert tcp any 40000 -> any [1:1000] (msg:\"c\"; content:\"x\"; sid:3;)",
            "alert ip any any -> any 80 (msg:\"d\"; sid:4;)",
            "alert tcp any any <> any 80 (msg:\"e\"; sid:5;)");
        var packet = TestPackets.Tcp("x"u8);

        Assert.Equal([0, 1, 2, 3, 4], TestPackets.Run(set, packet));
        Span<int> two = stackalloc int[2];
        Assert.Equal(2, set.Evaluate(packet, two));
        Assert.Equal([0, 1], two.ToArray());
    }

    private static int PickPort(PortMatcher matcher, Random random, List<int> ports)
    {
        ports.Clear();
        if (random.Next(5) != 0 && matcher.TryListPorts(64, ports))
            return ports[random.Next(ports.Count)];
        return random.Next(3) == 0 ? random.Next(65536) : CommonPorts[random.Next(CommonPorts.Length)];
    }

    private static IpAddr PickAddress(AddressMatcher matcher, Random random)
    {
        var start = random.Next(Addresses.Length);
        for (var i = 0; i < Addresses.Length && random.Next(5) != 0; i++)
        {
            var address = Addresses[(start + i) % Addresses.Length];
            if (matcher.Matches(address))
                return address;
        }
        return Addresses[start];
    }

    private static byte[] BuildPayload(Rule rule, Random random)
    {
        var bytes = new List<byte>();
        if (random.Next(8) == 0)
            return [];
        foreach (var content in rule.Contents)
        {
            if (content.Negated && random.Next(2) == 0)
                continue;
            var gap = random.Next(4) == 0 ? random.Next(1, 20) : 0;
            for (var i = 0; i < gap; i++)
                bytes.Add((byte)random.Next(32, 127));
            foreach (var b in content.Pattern)
                bytes.Add(content.NoCase && random.Next(2) == 0 ? (byte)char.ToUpperInvariant((char)b) : b);
        }
        if (random.Next(3) == 0 && bytes.Count > 0)
            bytes.RemoveAt(random.Next(bytes.Count));
        return [.. bytes];
    }

    private static IpProtocol ToPacketProtocol(RuleProtocol protocol, Random random) => protocol switch
    {
        RuleProtocol.Tcp => IpProtocol.Tcp,
        RuleProtocol.Udp => IpProtocol.Udp,
        RuleProtocol.Icmp => random.Next(2) == 0 ? IpProtocol.Icmp : IpProtocol.IcmpV6,
        _ => Protocols[random.Next(Protocols.Length)],
    };
}
