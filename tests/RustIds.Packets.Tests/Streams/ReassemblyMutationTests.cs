using RustIds.Packets.Streams;

namespace RustIds.Packets.Tests.Streams;

/// <summary>Seeded random segment sequences: no exception, never past depth, never a wrong byte.</summary>
public sealed class ReassemblyMutationTests
{
    private const int Sequences = 200_000;

    private static readonly ReassemblyOptions[] OptionSets =
    [
        new() { DepthBytes = 0, MaxOutOfOrderBytes = 4096, OverlapPolicy = OverlapPolicy.First },
        new() { DepthBytes = 900, MaxOutOfOrderBytes = 4096, OverlapPolicy = OverlapPolicy.Last, RetransmissionCheckBytes = 100 },
        new() { DepthBytes = 0, MaxOutOfOrderBytes = 4096, OverlapPolicy = OverlapPolicy.Bsd },
        new() { DepthBytes = 1200, MaxOutOfOrderBytes = 4096, OverlapPolicy = OverlapPolicy.Linux, AllowMidstream = false },
        new() { DepthBytes = 0, MaxOutOfOrderBytes = 4096, OverlapPolicy = OverlapPolicy.Solaris },
        new() { DepthBytes = 0, MaxOutOfOrderBytes = 4096, OverlapPolicy = OverlapPolicy.Windows, RetransmissionCheckBytes = 0 },
        // Tight limits: overflows, range limit, and (with its own small memory) memcap refusals.
        new() { DepthBytes = 700, MaxOutOfOrderBytes = 300, MaxOutOfOrderSegments = 3, OverlapPolicy = OverlapPolicy.Linux },
        new() { DepthBytes = 0, MaxOutOfOrderBytes = 2000, MaxOutOfOrderSegments = 4, OverlapPolicy = OverlapPolicy.First, MemcapBytes = 9000 },
    ];

    [Fact]
    public void Process_200kRandomSegmentSequences_NeverThrowNeverPassDepthAndDeliverOnlyOriginalBytes()
    {
        var random = new Random(20261204);
        var memory = new ReassemblyMemory(64L * 1024 * 1024);
        var smallMemory = new ReassemblyMemory(OptionSets[^1].MemcapBytes);
        var counters = new ReassemblyCounters();
        var reassemblers = new TcpReassembler[OptionSets.Length];
        for (var i = 0; i < OptionSets.Length; i++)
            reassemblers[i] = new TcpReassembler(OptionSets[i], i == OptionSets.Length - 1 ? smallMemory : memory, counters);
        var sink = new CheckingSink();
        var generator = new SegmentGenerator(random);
        var completeFlows = 0;

        for (var n = 0; n < Sequences; n++)
        {
            var choice = random.Next(OptionSets.Length);
            var options = OptionSets[choice];
            var reassembler = reassemblers[choice];
            var mode = (FlowMode)(n % 4);
            generator.Run(reassembler, options, mode, sink);

            Assert.Equal(0, sink.Mismatches);
            Assert.Equal(0, sink.Violations);
            for (var d = 0; d < 2; d++)
            {
                if (options.DepthBytes > 0)
                    Assert.True(sink.Delivered[d] <= options.DepthBytes);
                if (mode == FlowMode.Complete && choice < 6)
                {
                    // Every byte was sent at least once and no ACK lied: all of it (up to depth) arrives, no gap.
                    var expected = options.DepthBytes == 0 ? generator.Length(d) : Math.Min(options.DepthBytes, generator.Length(d));
                    Assert.Equal(expected, sink.Delivered[d]);
                    Assert.Equal(0, sink.GapBytes[d]);
                    completeFlows++;
                }
            }
            reassembler.Reset();
            Assert.Equal(0, memory.InUseBytes);
            Assert.Equal(0, smallMemory.InUseBytes);
        }

        Assert.True(completeFlows > 10_000);
        ReassemblyCounter[] mustHappen =
        [
            ReassemblyCounter.SegmentsInOrder, ReassemblyCounter.SegmentsOutOfOrder, ReassemblyCounter.SegmentsRetransmitted,
            ReassemblyCounter.SegmentsOverlapping, ReassemblyCounter.OverlapsDifferentData, ReassemblyCounter.Gaps,
            ReassemblyCounter.DepthReached, ReassemblyCounter.DepthSkippedBytes, ReassemblyCounter.MemcapRefusals,
            ReassemblyCounter.OutOfOrderOverflows, ReassemblyCounter.OutOfWindowSegments, ReassemblyCounter.MidstreamPickups,
            ReassemblyCounter.NoHandshakeSegments, ReassemblyCounter.DataAfterEnd, ReassemblyCounter.RstIgnored,
            ReassemblyCounter.FinIgnored, ReassemblyCounter.UnknownDirection,
        ];
        foreach (var counter in mustHappen)
            Assert.True(counters.Get(counter) > 0, $"{counter} never counted");
    }
}
