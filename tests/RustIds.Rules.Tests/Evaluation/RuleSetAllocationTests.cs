using RustIds.Packets;
using RustIds.Packets.Processing;
using RustIds.Rules.Evaluation;
using RustIds.Testing;

namespace RustIds.Rules.Tests.Evaluation;

/// <summary>The whole packet path with ET Open loaded allocates nothing per packet once warm (alerts aside).</summary>
[Collection(AllocationCollection.Name)]
public sealed class RuleSetAllocationTests
{
    [SkippableFact]
    public void Process_EtOpenLoadedHttpTraffic_AllocatesNothingPerPacket()
    {
        var directory = Path.Combine(RepoPaths.SharedData, "rules", "et-open");
        Skip.IfNot(Directory.Exists(directory), $"{directory} not present");
        var rules = new RuleFileLoader().LoadFiles(Directory.GetFiles(directory, "*.rules")).Rules;
        using var set = new CompiledRuleSet(rules);
        using var evaluator = set.CreateEvaluator();
        var processor = new PacketProcessor(LinkType.Ethernet, new PacketProcessorOptions(), evaluator);
        var frames = new List<byte[]>();
        for (var flow = 0; flow < 20; flow++)
        {
            frames.AddRange(new Conversation(clientPort: (ushort)(42000 + flow)).Handshake()
                .Client("GET /index.html?page=2 HTTP/1.1\r\nHost: www.example.org\r\nUser-Agent: Mozilla/5.0 (X11; Linux x86_64)\r\nAccept: text/html\r\n\r\n")
                .Server("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 12\r\n\r\n<html></html")
                .Close().Frames);
        }
        var matches = new int[64];
        var flowMatches = new FlowMatch[64];
        var alerts = 0L;
        void Pass()
        {
            var handler = new Handler(evaluator, matches);
            var ticks = 638_000_000_000_000_000L;
            foreach (var frame in frames)
            {
                var raw = new RawFrame(frame, ticks += TimeSpan.TicksPerMillisecond, frame.Length);
                processor.Process(in raw, ref handler);
                alerts += evaluator.DrainFlowMatches(flowMatches);
            }
            alerts += handler.Alerts;
        }

        Pass();
        var allocated = Allocations.Measure(Pass);

        Assert.Equal(0, alerts);
        Assert.Equal(0, allocated);
        // ET Open's TCP payload rules inspect the streams too, so the stream windows are part of what allocates nothing.
        Assert.True(evaluator.StreamBytesInspected > 0);
        Assert.True(rules.Count > 15_000);
    }

    private struct Handler(RuleEvaluator evaluator, int[] matches) : IPacketHandler
    {
        public long Alerts;

        public void OnPacket(ref Packet packet) => Alerts += evaluator.Evaluate(in packet, matches);
    }
}
