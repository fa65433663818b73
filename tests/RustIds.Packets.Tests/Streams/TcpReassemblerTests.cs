using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using RustIds.Packets.Streams;

namespace RustIds.Packets.Tests.Streams;

public sealed class TcpReassemblerTests
{
    [Fact]
    public void Process_InOrderSegments_DeliversEachDirectionInOrder()
    {
        var flow = new TestFlow().Handshake();

        flow.Client(0, "GET / HTTP/1.1\r\n");
        flow.Client(16, "Host: a\r\n\r\n");
        flow.Server(0, "HTTP/1.1 200 OK\r\n");

        Assert.Equal("GET / HTTP/1.1\r\nHost: a\r\n\r\n", flow.ClientText);
        Assert.Equal("HTTP/1.1 200 OK\r\n", flow.ServerText);
        Assert.Equal(3, flow[ReassemblyCounter.SegmentsInOrder]);
        Assert.Equal(44, flow[ReassemblyCounter.BytesDelivered]);
        Assert.Equal(0, flow[ReassemblyCounter.SegmentsOutOfOrder]);
        // Only the two retransmission histories (4 KiB each to start) are held; no out-of-order buffer.
        Assert.Equal(2 * 4096, flow.Memory.InUseBytes);
    }

    [Fact]
    public void Process_InOrderSegment_DeliversThePacketSpanWithoutCopy()
    {
        var reassembler = new TcpReassembler(new ReassemblyOptions(), new ReassemblyMemory(1 << 20), new ReassemblyCounters());
        var payload = "hello"u8.ToArray();
        var sink = new SameSpanSink(payload);

        reassembler.Process(FlowDirection.ToServer, 10, 0, TcpFlags.Syn, [], ref sink);
        reassembler.Process(FlowDirection.ToServer, 11, 0, TcpFlags.Psh, payload, ref sink);

        Assert.Equal(1, sink.Calls);
        Assert.True(sink.SameMemory);
    }

    [Fact]
    public void Process_EveryPermutationOfFourSegments_DeliversTheSameBytes()
    {
        string[] parts = ["abcd", "efg", "hijkl", "mn"];
        int[] offsets = [0, 4, 7, 12];
        var permutations = 0;
        foreach (var order in Permutations([0, 1, 2, 3]))
        {
            var flow = new TestFlow(new ReassemblyOptions { RetransmissionCheckBytes = 0 }).Handshake();
            foreach (var i in order)
                flow.Client(offsets[i], parts[i]);

            Assert.Equal("abcdefghijklmn", flow.ClientText);
            Assert.Empty(flow.Sink.Gaps[0]);
            Assert.Equal(4, flow[ReassemblyCounter.SegmentsInOrder] + flow[ReassemblyCounter.SegmentsOutOfOrder]);
            Assert.Equal(0, flow.Memory.InUseBytes);
            permutations++;
        }
        Assert.Equal(24, permutations);
    }

    [Fact]
    public void Process_RetransmissionWithSameBytes_IsDroppedAndCounted()
    {
        var flow = new TestFlow().Handshake();

        flow.Client(0, "hello ");
        flow.Client(0, "hello ");
        flow.Client(6, "world");
        flow.Client(3, "lo wo");

        Assert.Equal("hello world", flow.ClientText);
        Assert.Equal(2, flow[ReassemblyCounter.SegmentsRetransmitted]);
        Assert.Equal(0, flow[ReassemblyCounter.OverlapsDifferentData]);
    }

    [Fact]
    public void Process_RetransmissionWithDifferentBytes_KeepsDeliveredBytesAndCountsEvasion()
    {
        var flow = new TestFlow().Handshake();

        flow.Client(0, "GET /index");
        flow.Client(4, "/evil");

        Assert.Equal("GET /index", flow.ClientText);
        Assert.Equal(1, flow[ReassemblyCounter.SegmentsRetransmitted]);
        Assert.Equal(1, flow[ReassemblyCounter.OverlapsDifferentData]);
    }

    [Fact]
    public void Process_SegmentStraddlingDeliveredBytes_DeliversOnlyTheNewTail()
    {
        var flow = new TestFlow().Handshake();

        flow.Client(0, "abcdef");
        flow.Client(4, "efGHI");

        Assert.Equal("abcdefGHI", flow.ClientText);
        Assert.Equal(1, flow[ReassemblyCounter.SegmentsRetransmitted]);
        Assert.Equal(0, flow[ReassemblyCounter.OverlapsDifferentData]);
    }

    [Fact]
    public void Process_RetransmissionOlderThanAcknowledgement_IsDroppedWithoutComparison()
    {
        var flow = new TestFlow().Handshake();

        flow.Client(0, "abcdef");
        flow.ServerAcks(6);
        flow.Client(0, "XXXXXX");

        Assert.Equal("abcdef", flow.ClientText);
        Assert.Equal(1, flow[ReassemblyCounter.SegmentsRetransmitted]);
        Assert.Equal(0, flow[ReassemblyCounter.OverlapsDifferentData]);
    }

    [Theory]
    [InlineData(0xFFFF_FF00u)]
    [InlineData(0xFFFF_FFFFu)]
    [InlineData(0xFFFF_FFF0u)]
    public void Process_StreamCrossingSequenceWraparound_DeliversInOrder(uint clientIsn)
    {
        var flow = new TestFlow(clientIsn: clientIsn).Handshake();
        var text = new string('x', 200) + "|middle|" + new string('y', 300);

        // Out of order across 2^32: tail first, then head, then middle.
        flow.Client(400, text[400..]);
        flow.Client(0, text[..250]);
        flow.Client(250, text[250..400]);
        flow.Client(100, text[100..300]);

        Assert.Equal(text, flow.ClientText);
        Assert.Empty(flow.Sink.Gaps[0]);
        Assert.Equal(1, flow[ReassemblyCounter.SegmentsRetransmitted]);
    }

    [Fact]
    public void Process_AckAcrossWraparoundForUnseenBytes_ReportsGap()
    {
        var flow = new TestFlow(clientIsn: 0xFFFF_FFF0).Handshake();

        flow.Client(0, "0123456789");
        flow.Client(30, "tail");
        flow.ServerAcks(34);

        Assert.Equal(["ToServer:data:0123456789", "ToServer:gap:20", "ToServer:data:tail"], flow.Sink.Events);
    }

    [Fact]
    public void Process_AckForBytesNeverSeen_ReportsGapAndContinuesFromBufferedData()
    {
        var flow = new TestFlow().Handshake();

        flow.Client(0, "first ");
        flow.Client(16, "third");       // bytes 6..16 lost in capture
        flow.ServerAcks(21);

        Assert.Equal(["ToServer:data:first ", "ToServer:gap:10", "ToServer:data:third"], flow.Sink.Events);
        Assert.Equal(1, flow[ReassemblyCounter.Gaps]);
        Assert.Equal(10, flow[ReassemblyCounter.GapBytes]);
    }

    [Fact]
    public void Process_AckBeyondAnythingSent_DoesNotSkipUnseenData()
    {
        var flow = new TestFlow().Handshake();

        flow.Client(0, "abc");
        flow.ServerAcks(1_000_000);     // lying receiver
        flow.Client(3, "def");

        Assert.Equal("abcdef", flow.ClientText);
        Assert.Equal(0, flow[ReassemblyCounter.Gaps]);
    }

    [Fact]
    public void Process_TailLossThenFin_AckTurnsHoleIntoGapThenEnds()
    {
        var flow = new TestFlow().Handshake();

        flow.Client(0, "abc");
        flow.Client(10, "", TcpFlags.Fin | TcpFlags.Ack);   // bytes 3..10 lost
        flow.ServerAcks(11);

        Assert.Equal(["ToServer:data:abc", "ToServer:gap:7", "ToServer:end"], flow.Sink.Events);
    }

    [Fact]
    public void Process_FinWithData_DeliversDataThenEndsOnce()
    {
        var flow = new TestFlow().Handshake();

        flow.Client(0, "bye", TcpFlags.Fin | TcpFlags.Ack);
        flow.Client(0, "bye", TcpFlags.Fin | TcpFlags.Ack);
        flow.Client(3, "late");

        Assert.Equal(["ToServer:data:bye", "ToServer:end"], flow.Sink.Events);
        Assert.Equal(1, flow[ReassemblyCounter.DataAfterEnd]);
        Assert.Equal(0, flow.Sink.Ends[1]);
    }

    [Fact]
    public void Process_FinBeforeMissingData_EndsAfterTheHoleIsFilled()
    {
        var flow = new TestFlow().Handshake();

        flow.Client(0, "ab");
        flow.Client(5, "f", TcpFlags.Fin | TcpFlags.Ack);
        Assert.Equal(0, flow.Sink.Ends[0]);
        flow.Client(2, "cde");

        Assert.Equal(["ToServer:data:ab", "ToServer:data:cde", "ToServer:data:f", "ToServer:end"], flow.Sink.Events);
    }

    [Fact]
    public void Process_DataBeyondPendingFin_IsNotDelivered()
    {
        var flow = new TestFlow().Handshake();

        flow.Client(3, "", TcpFlags.Fin | TcpFlags.Ack);
        flow.Client(0, "abcXYZ");

        Assert.Equal(["ToServer:data:abc", "ToServer:end"], flow.Sink.Events);
        Assert.Equal(1, flow[ReassemblyCounter.DataAfterEnd]);
    }

    [Fact]
    public void Process_Rst_EndsBothDirectionsOnceAndIgnoresItsPayload()
    {
        var flow = new TestFlow().Handshake();
        flow.Client(0, "abc");

        flow.Client(3, "rst-text", TcpFlags.Rst | TcpFlags.Ack);
        flow.Server(0, "", TcpFlags.Rst);

        Assert.Equal(["ToServer:data:abc", "ToServer:end", "ToClient:end"], flow.Sink.Events);
    }

    [Fact]
    public void Process_RstFarOutsideWindow_IsIgnored()
    {
        var flow = new TestFlow().Handshake();
        flow.Client(0, "abc");

        flow.Client(10_000_000, "", TcpFlags.Rst);
        flow.Client(3, "def");

        Assert.Equal("abcdef", flow.ClientText);
        Assert.Equal(1, flow[ReassemblyCounter.RstIgnored]);
        Assert.Equal(0, flow.Sink.Ends[0]);
    }

    [Fact]
    public void Process_MidstreamData_StartsAtFirstDataSegment()
    {
        var flow = new TestFlow();

        flow.Client(5000, "in the middle ");
        flow.Client(5014, "of things");
        flow.Server(77, "reply");

        Assert.Equal("in the middle of things", flow.ClientText);
        Assert.Equal("reply", flow.ServerText);
        Assert.Equal(2, flow[ReassemblyCounter.MidstreamPickups]);
    }

    [Fact]
    public void Process_MidstreamDisallowed_DropsDataUntilHandshake()
    {
        var flow = new TestFlow(new ReassemblyOptions { AllowMidstream = false });

        flow.Client(0, "early");
        flow.Handshake();
        flow.Client(0, "early");

        Assert.Equal("early", flow.ClientText);
        Assert.Equal(1, flow[ReassemblyCounter.NoHandshakeSegments]);
    }

    [Fact]
    public void Process_SynAckWithoutSyn_LearnsClientIsnFromAcknowledgement()
    {
        var flow = new TestFlow(new ReassemblyOptions { AllowMidstream = false });

        flow.Send(FlowDirection.ToClient, flow.ServerIsn, flow.ClientIsn + 1, TcpFlags.Syn | TcpFlags.Ack, []);
        flow.Client(4, "efgh");
        flow.Client(0, "abcd");

        Assert.Equal("abcdefgh", flow.ClientText);
        Assert.Equal(0, flow[ReassemblyCounter.NoHandshakeSegments]);
    }

    [Fact]
    public void Process_SpoofedSynAckWithOtherAcknowledgement_DoesNotMoveAClientStartLearntFromSyn()
    {
        var flow = new TestFlow();

        flow.Send(FlowDirection.ToServer, flow.ClientIsn, 0, TcpFlags.Syn, []);
        flow.Send(FlowDirection.ToClient, flow.ServerIsn, 123_456_789, TcpFlags.Syn | TcpFlags.Ack, []);
        flow.Client(0, "real");

        Assert.Equal("real", flow.ClientText);
    }

    [Theory]
    [InlineData(20_000, 1)]     // within the 32 KiB history: compared
    [InlineData(60_000, 0)]     // older than the history: dropped unchecked
    public void Process_AlteredRetransmissionInBulkTransfer_IsDetectedWithinHistory(int bytesBack, int expectedDifferent)
    {
        var flow = new TestFlow().Handshake();
        var chunk = new string('a', 1000);
        for (var i = 0; i < 100; i++)
            flow.Server(i * 1000L, chunk);

        flow.Server(100_000 - bytesBack, "EVIL");

        Assert.Equal(expectedDifferent, flow[ReassemblyCounter.OverlapsDifferentData]);
        Assert.Equal(1, flow[ReassemblyCounter.SegmentsRetransmitted]);
        Assert.Equal(100_000, flow.ServerText.Length);
    }

    [Fact]
    public void Process_DataOnSyn_IsDeliveredAfterTheSynSequenceNumber()
    {
        var flow = new TestFlow();

        flow.Send(FlowDirection.ToServer, flow.ClientIsn, 0, TcpFlags.Syn, "tfo"u8.ToArray());
        flow.Client(3, "-more");

        Assert.Equal("tfo-more", flow.ClientText);
    }

    [Fact]
    public void Process_UnknownDirection_IsCountedAndIgnored()
    {
        var flow = new TestFlow();

        flow.Send(FlowDirection.Unknown, 1, 0, TcpFlags.Ack, "x"u8.ToArray());
        flow.Send((FlowDirection)77, 1, 0, TcpFlags.Rst, []);

        Assert.Equal(2, flow[ReassemblyCounter.UnknownDirection]);
        Assert.Empty(flow.Sink.Events);
    }

    [Fact]
    public void Finish_WithBufferedDataAfterHoles_DeliversItWithGapsAndEndsBothDirections()
    {
        var flow = new TestFlow().Handshake();
        flow.Client(0, "a");
        flow.Client(3, "d");
        flow.Client(6, "g");

        var sink = flow.Sink;
        flow.Reassembler.Finish(ref sink);

        Assert.Equal(
            ["ToServer:data:a", "ToServer:gap:2", "ToServer:data:d", "ToServer:gap:2", "ToServer:data:g", "ToServer:end", "ToClient:end"],
            flow.Sink.Events);
    }

    [Fact]
    public void Reset_AfterBuffering_ReturnsEveryBufferAndAcceptsANewFlow()
    {
        var flow = new TestFlow().Handshake();
        flow.Client(0, "abc");
        flow.Client(100, "later");
        Assert.True(flow.Memory.InUseBytes > 0);

        flow.Reassembler.Reset();
        Assert.Equal(0, flow.Memory.InUseBytes);

        flow.Handshake();
        flow.Client(0, "new flow");
        Assert.Equal("abcnew flow", flow.ClientText);
    }

    private static IEnumerable<int[]> Permutations(int[] items)
    {
        if (items.Length == 1)
        {
            yield return items;
            yield break;
        }
        for (var i = 0; i < items.Length; i++)
        {
            var rest = items.Where((_, j) => j != i).ToArray();
            foreach (var tail in Permutations(rest))
                yield return [items[i], .. tail];
        }
    }

    private struct SameSpanSink(byte[] expected) : IStreamSink
    {
        public int Calls;
        public bool SameMemory;

        public void OnData(FlowDirection direction, ReadOnlySpan<byte> data)
        {
            Calls++;
            SameMemory = Unsafe.AreSame(ref MemoryMarshal.GetReference(data), ref expected[0]) && data.Length == expected.Length;
        }

        public readonly void OnGap(FlowDirection direction, uint missingBytes)
        {
        }

        public readonly void OnEnd(FlowDirection direction)
        {
        }
    }
}
