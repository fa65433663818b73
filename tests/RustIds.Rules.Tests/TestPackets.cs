using System.Text;
using RustIds.Packets;

namespace RustIds.Rules.Tests;

/// <summary>Builds <see cref="Packet"/> values for matching tests.</summary>
internal static class TestPackets
{
    public static Packet Tcp(
        ReadOnlySpan<byte> payload,
        string source = "203.0.113.5",
        ushort sourcePort = 40000,
        string destination = "192.168.1.10",
        ushort destinationPort = 80,
        FlowDirection direction = FlowDirection.ToServer,
        bool established = true,
        IpProtocol protocol = IpProtocol.Tcp) => new()
        {
            Source = IpAddr.Parse(source),
            Destination = IpAddr.Parse(destination),
            SourcePort = sourcePort,
            DestinationPort = destinationPort,
            Protocol = protocol,
            Payload = payload,
            Direction = direction,
            FlowEstablished = established,
        };

    public static byte[] Bytes(string text) => Encoding.Latin1.GetBytes(text);

    public static int[] Run(CompiledRuleSet set, in Packet packet)
    {
        Span<int> matches = stackalloc int[64];
        var count = set.Evaluate(packet, matches);
        return matches[..count].ToArray();
    }

    /// <summary>True when the single rule of a one-rule set matches <paramref name="payload"/>.</summary>
    public static bool Matches(string rule, string payload)
    {
        var set = TestRules.Compile(rule);
        var packet = Tcp(Bytes(payload));
        return Run(set, packet).Length == 1;
    }
}
