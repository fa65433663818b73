using RustIds.Packets.Streams;

namespace RustIds.Packets.Tests.Streams;

public sealed class ReassemblyLimitsTests
{
    [Fact]
    public void Process_PastDepth_StopsDeliveringCountsOnceAndStillEnds()
    {
        var flow = new TestFlow(new ReassemblyOptions { DepthBytes = 10 }).Handshake();

        flow.Client(0, "012345");
        flow.Client(6, "6789ab");
        flow.Client(12, "cdefghij");
        flow.Client(12, "cdefghij");   // a retransmission is not skipped twice
        flow.Client(20, "end", TcpFlags.Fin | TcpFlags.Ack);
        flow.Server(0, "reply");

        Assert.Equal("0123456789", flow.ClientText);
        Assert.Equal("reply", flow.ServerText);
        Assert.Equal(1, flow[ReassemblyCounter.DepthReached]);
        // "ab" of the crossing segment, "cdefghij" once, and "end".
        Assert.Equal(2 + 8 + 3, flow[ReassemblyCounter.DepthSkippedBytes]);
        Assert.Equal(1, flow.Sink.Ends[0]);
    }

    [Fact]
    public void Process_DepthZero_MeansUnlimited()
    {
        var flow = new TestFlow(new ReassemblyOptions { DepthBytes = 0 }).Handshake();
        var chunk = new string('z', 1000);

        for (var i = 0; i < 3000; i++)
            flow.Client(i * 1000L, chunk);

        Assert.Equal(3_000_000, flow[ReassemblyCounter.BytesDelivered]);
        Assert.Equal(0, flow[ReassemblyCounter.DepthReached]);
    }

    [Fact]
    public void Process_DepthReachedWhileBuffered_ReturnsBuffers()
    {
        var flow = new TestFlow(new ReassemblyOptions { DepthBytes = 4, RetransmissionCheckBytes = 0 }).Handshake();

        flow.Client(4, "efgh");
        Assert.True(flow.Memory.InUseBytes > 0);
        flow.Client(0, "abcd");

        Assert.Equal("abcd", flow.ClientText);
        Assert.Equal(0, flow.Memory.InUseBytes);
    }

    [Fact]
    public void Process_OutOfOrderBufferOverflow_ReportsGapAndContinuesFromBufferedData()
    {
        var flow = new TestFlow(new ReassemblyOptions { MaxOutOfOrderBytes = 100 }).Handshake();

        flow.Client(0, "start");
        flow.Client(50, new string('b', 40));     // 5..50 lost; buffered up to offset 90
        flow.Client(90, new string('c', 40));     // would end at 130, beyond 5 + 100

        Assert.Equal(["ToServer:data:start", "ToServer:gap:45", $"ToServer:data:{new string('b', 40)}", $"ToServer:data:{new string('c', 40)}"],
            flow.Sink.Events);
        Assert.Equal(1, flow[ReassemblyCounter.OutOfOrderOverflows]);
    }

    [Fact]
    public void Process_SegmentFarBeyondWindowWithNothingBuffered_IsDroppedUntilAcked()
    {
        var flow = new TestFlow(new ReassemblyOptions { MaxOutOfOrderBytes = 100 }).Handshake();

        flow.Client(0, "a");
        flow.Client(500, "far");
        flow.ServerAcks(503);
        flow.Client(503, "next");

        Assert.Equal(["ToServer:data:a", "ToServer:gap:502", "ToServer:data:next"], flow.Sink.Events);
        Assert.Equal(1, flow[ReassemblyCounter.OutOfWindowSegments]);
    }

    [Fact]
    public void Process_TooManyBufferedRanges_SkipsOldestHole()
    {
        var flow = new TestFlow(new ReassemblyOptions { MaxOutOfOrderSegments = 2 }).Handshake();

        flow.Client(2, "c");
        flow.Client(4, "e");
        flow.Client(6, "g");    // a third disjoint range does not fit

        // Only the first hole is given up: after it, "e" and "g" fit in two ranges.
        Assert.Equal(["ToServer:gap:2", "ToServer:data:c"], flow.Sink.Events);
        flow.Client(3, "d");
        flow.Client(5, "f");
        Assert.Equal("cdefg", flow.ClientText);
        Assert.Equal(1, flow[ReassemblyCounter.OutOfOrderOverflows]);
    }

    [Fact]
    public void Process_BufferingBeyondMemcap_IsRefusedAndLaterReportedAsGap()
    {
        // Less than one 4 KiB ring: no history, no out-of-order buffer.
        var flow = new TestFlow(memcapBytes: 2000).Handshake();

        flow.Client(0, "abc");
        flow.Server(0, "xyz");
        flow.Client(10, "later");
        Assert.Equal(1, flow[ReassemblyCounter.MemcapRefusals]);
        Assert.True(flow.Memory.Refusals > 0);

        flow.Client(15, "more");    // in memory: refused again
        flow.ServerAcks(19);        // receiver got everything: the refused bytes become a gap
        flow.Client(19, "!");

        Assert.Equal(["ToServer:data:abc", "ToClient:data:xyz", "ToServer:gap:16", "ToServer:data:!"], flow.Sink.Events);
        Assert.True(flow.Memory.InUseBytes <= flow.Memory.MemcapBytes);
    }

    [Fact]
    public void Process_HistoryIsOptional_WhenMemoryIsScarceOnlyOutOfOrderBufferingIsKept()
    {
        var flow = new TestFlow(memcapBytes: 4096 + 256).Handshake();

        flow.Client(0, "abc");      // history refused: it may only use 3/4 of the memcap
        flow.Client(5, "fg");       // the out-of-order ring fits
        flow.Client(3, "de");

        Assert.Equal("abcdefg", flow.ClientText);
        Assert.Equal(0, flow[ReassemblyCounter.MemcapRefusals]);
    }

    [Fact]
    public void Process_ManyFlowsThroughOneSlot_ReturnEveryBuffer()
    {
        var flow = new TestFlow();
        for (var i = 0; i < 50; i++)
        {
            flow.Handshake();
            flow.Client(10, "ooo");
            flow.Client(0, "0123456789");
            flow.Server(5, "x");
            flow.Reassembler.Reset();
        }

        Assert.Equal(0, flow.Memory.InUseBytes);
        Assert.True(flow.Memory.PeakBytes > 0);
    }

    [Fact]
    public void Validate_InvalidOptions_ListsEveryProblem()
    {
        var options = new ReassemblyOptions
        {
            DepthBytes = -1,
            MaxOutOfOrderBytes = -5,
            MaxOutOfOrderSegments = 0,
            RetransmissionCheckBytes = int.MaxValue,
            MemcapBytes = -1,
            OverlapPolicy = (OverlapPolicy)99,
        };

        Assert.Equal(6, options.Validate().Count);
        Assert.Throws<ArgumentException>(() => new TcpReassembler(options, new ReassemblyMemory(0), new ReassemblyCounters()));
    }

    [Fact]
    public void Validate_Defaults_AreValidAndDocumentedValues()
    {
        var options = new ReassemblyOptions();

        Assert.Empty(options.Validate());
        Assert.Equal(1024 * 1024, options.DepthBytes);
        Assert.Equal(256 * 1024, options.MaxOutOfOrderBytes);
        Assert.Equal(64L * 1024 * 1024, options.MemcapBytes);
        Assert.True(options.AllowMidstream);
        Assert.Equal(OverlapPolicy.First, options.OverlapPolicy);
    }
}
