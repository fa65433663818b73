using RustIds.Packets.Streams;

namespace RustIds.Packets.Tests.Streams;

[Collection(global::RustIds.Packets.Tests.AllocationCollection.Name)]
public sealed class ReassemblyAllocationTests
{
    private const uint ClientIsn = 0xFFFF_F000;   // the client stream wraps during the flow
    private const uint ServerIsn = 77_000;

    [Fact]
    public void Process_RealisticFlowsAfterWarmUp_AllocateNothing()
    {
        var memory = new ReassemblyMemory(64L * 1024 * 1024);
        var counters = new ReassemblyCounters();
        var reassembler = new TcpReassembler(new ReassemblyOptions(), memory, counters);
        var request = new byte[3000];
        var response = new byte[20 * 1448];
        new Random(7).NextBytes(request);
        new Random(8).NextBytes(response);
        var sink = new CountingSink();

        for (var i = 0; i < 20; i++)
            RunFlow(reassembler, request, response, ref sink);
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
            RunFlow(reassembler, request, response, ref sink);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.Equal(1020L * (request.Length + response.Length), sink.Bytes);
        Assert.Equal(0, sink.Gaps);
        Assert.Equal(1020L * 2, sink.Ends);
        Assert.True(counters.Get(ReassemblyCounter.SegmentsOutOfOrder) >= 1020 * 2);
        Assert.True(counters.Get(ReassemblyCounter.SegmentsRetransmitted) >= 1020);
        Assert.Equal(0, memory.InUseBytes);
    }

    /// <summary>Handshake, a 3-segment request with one reordered, a 20-segment response with a swap and a
    /// retransmission, ACKs both ways, FIN both ways, then Finish and Reset as the flow table would.</summary>
    private static void RunFlow(TcpReassembler reassembler, byte[] request, byte[] response, ref CountingSink sink)
    {
        const TcpFlags Data = TcpFlags.Ack | TcpFlags.Psh;
        reassembler.Process(FlowDirection.ToServer, ClientIsn, 0, TcpFlags.Syn, [], ref sink);
        reassembler.Process(FlowDirection.ToClient, ServerIsn, ClientIsn + 1, TcpFlags.Syn | TcpFlags.Ack, [], ref sink);
        reassembler.Process(FlowDirection.ToServer, ClientIsn + 1, ServerIsn + 1, TcpFlags.Ack, [], ref sink);

        var c = ClientIsn + 1;
        var s = ServerIsn + 1;
        reassembler.Process(FlowDirection.ToServer, c, s, Data, request.AsSpan(0, 1000), ref sink);
        reassembler.Process(FlowDirection.ToServer, c + 2000, s, Data, request.AsSpan(2000, 1000), ref sink);
        reassembler.Process(FlowDirection.ToServer, c + 1000, s, Data, request.AsSpan(1000, 1000), ref sink);
        reassembler.Process(FlowDirection.ToClient, s, c + 3000, TcpFlags.Ack, [], ref sink);

        for (var i = 0; i < 20; i++)
        {
            // Segments 5 and 6 arrive swapped; segment 10 is sent twice.
            var k = i == 5 ? 6 : i == 6 ? 5 : i;
            var offset = k * 1448;
            reassembler.Process(FlowDirection.ToClient, s + (uint)offset, c + 3000, Data, response.AsSpan(offset, 1448), ref sink);
            if (k == 10)
                reassembler.Process(FlowDirection.ToClient, s + (uint)offset, c + 3000, Data, response.AsSpan(offset, 1448), ref sink);
            if (i % 2 == 1)
                reassembler.Process(FlowDirection.ToServer, c + 3000, s + (uint)(i * 1448), TcpFlags.Ack, [], ref sink);
        }
        var end = s + (uint)response.Length;
        reassembler.Process(FlowDirection.ToClient, end, c + 3000, TcpFlags.Fin | TcpFlags.Ack, [], ref sink);
        reassembler.Process(FlowDirection.ToServer, c + 3000, end + 1, TcpFlags.Fin | TcpFlags.Ack, [], ref sink);
        reassembler.Finish(ref sink);
        reassembler.Reset();
    }

    private struct CountingSink : IStreamSink
    {
        public long Bytes;
        public long Gaps;
        public long Ends;

        public void OnData(FlowDirection direction, ReadOnlySpan<byte> data) => Bytes += data.Length;

        public void OnGap(FlowDirection direction, uint missingBytes) => Gaps++;

        public void OnEnd(FlowDirection direction) => Ends++;
    }
}
