namespace RustIds.Packets.Tests;

public sealed class FlowTrackerTests
{
    private static readonly IpAddr Client = Frames.ClientV4;
    private static readonly IpAddr Server = Frames.ServerV4;

    [Fact]
    public void Track_ThreeWayHandshake_EstablishedOnFinalAck()
    {
        var tracker = new FlowTracker();
        var syn = Track(tracker, FrameBuilder.EthernetTcp(Client, 40000, Server, 80, TcpFlags.Syn), 0);
        var synAck = Track(tracker, FrameBuilder.EthernetTcp(Server, 80, Client, 40000, TcpFlags.Syn | TcpFlags.Ack), 1);
        var ack = Track(tracker, FrameBuilder.EthernetTcp(Client, 40000, Server, 80, TcpFlags.Ack), 2);
        var data = Track(tracker, FrameBuilder.EthernetTcp(Server, 80, Client, 40000, TcpFlags.Psh | TcpFlags.Ack, "hi"u8), 3);

        Assert.Equal((FlowDirection.ToServer, false), syn);
        Assert.Equal((FlowDirection.ToClient, false), synAck);
        Assert.Equal((FlowDirection.ToServer, true), ack);
        Assert.Equal((FlowDirection.ToClient, true), data);
        Assert.Equal(1, tracker.Count);
        Assert.True(tracker.TryGetFlow(FlowKey.Create(Server, 80, Client, 40000, IpProtocol.Tcp), out var entry));
        Assert.Equal(Client, entry.InitiatorAddress);
        Assert.Equal((2, 2), (entry.PacketsToServer, entry.PacketsToClient));
        Assert.Equal(FlowState.Established, entry.State);
        Assert.True(entry.IsEstablished);
    }

    [Fact]
    public void Track_MidstreamOneWay_NeverEstablished()
    {
        var tracker = new FlowTracker();
        for (var i = 0; i < 3; i++)
        {
            var (direction, established) = Track(tracker, FrameBuilder.EthernetTcp(Client, 40000, Server, 80, TcpFlags.Psh | TcpFlags.Ack, "x"u8), i);
            Assert.Equal(FlowDirection.ToServer, direction);
            Assert.False(established);
        }
        Assert.Equal((FlowDirection.ToClient, true), Track(tracker, FrameBuilder.EthernetTcp(Server, 80, Client, 40000, TcpFlags.Ack), 4));
    }

    [Fact]
    public void Track_SynAckFirst_ResponderIsServer()
    {
        var tracker = new FlowTracker();
        Assert.Equal(FlowDirection.ToClient, Track(tracker, FrameBuilder.EthernetTcp(Server, 80, Client, 40000, TcpFlags.Syn | TcpFlags.Ack), 0).Direction);
        Assert.Equal((FlowDirection.ToServer, true), Track(tracker, FrameBuilder.EthernetTcp(Client, 40000, Server, 80, TcpFlags.Ack), 1));
    }

    [Fact]
    public void Track_UdpBothWays_EstablishedOnReply()
    {
        var tracker = new FlowTracker();
        Assert.Equal((FlowDirection.ToServer, false), Track(tracker, FrameBuilder.EthernetUdp(Client, 53000, Server, 53, "q"u8), 0));
        Assert.Equal((FlowDirection.ToClient, true), Track(tracker, FrameBuilder.EthernetUdp(Server, 53, Client, 53000, "a"u8), 1));
        Assert.Equal((FlowDirection.ToServer, true), Track(tracker, FrameBuilder.EthernetUdp(Client, 53000, Server, 53, "q"u8), 2));
    }

    [Fact]
    public void Track_SameFlow_SameFlowIdBothWays_DifferentFlowsDiffer()
    {
        var tracker = new FlowTracker();
        var a = TrackId(tracker, FrameBuilder.EthernetUdp(Client, 1, Server, 2), 0);
        var b = TrackId(tracker, FrameBuilder.EthernetUdp(Server, 2, Client, 1), 1);
        var c = TrackId(tracker, FrameBuilder.EthernetUdp(Client, 3, Server, 2), 2);
        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
        Assert.NotEqual(0UL, a);
    }

    [Fact]
    public void Track_IdleBeyondTimeout_ExpiresAndStartsNewFlow()
    {
        var tracker = new FlowTracker(new FlowTrackerOptions { NewTimeout = TimeSpan.FromSeconds(30), SweepInterval = TimeSpan.FromSeconds(1) });
        var first = TrackId(tracker, FrameBuilder.EthernetUdp(Client, 1, Server, 2), 0);
        var other = TrackId(tracker, FrameBuilder.EthernetUdp(Client, 5, Server, 6), 0);
        var later = TrackId(tracker, FrameBuilder.EthernetUdp(Client, 1, Server, 2), TimeSpan.FromSeconds(31).Ticks);
        Assert.NotEqual(first, later);
        Assert.NotEqual(first, other);
        Assert.Equal(1, tracker.Count);
        Assert.Equal(2, tracker.FlowsExpired);
    }

    [Fact]
    public void Track_RstThenNewSyn_StartsNewFlow()
    {
        var tracker = new FlowTracker();
        var first = TrackId(tracker, FrameBuilder.EthernetTcp(Client, 40000, Server, 80, TcpFlags.Syn), 0);
        TrackId(tracker, FrameBuilder.EthernetTcp(Server, 80, Client, 40000, TcpFlags.Rst | TcpFlags.Ack), 1);
        var second = TrackId(tracker, FrameBuilder.EthernetTcp(Client, 40000, Server, 80, TcpFlags.Syn), 2);
        Assert.NotEqual(first, second);
    }

    [Fact]
    public void Track_TableFull_LeastRecentFlowEvictedAndCounted()
    {
        var observer = new RecordingObserver();
        var tracker = new FlowTracker(new FlowTrackerOptions { MaxFlows = 2 }, observer);
        var first = TrackId(tracker, FrameBuilder.EthernetUdp(Client, 1, Server, 2), 0);
        var second = TrackId(tracker, FrameBuilder.EthernetUdp(Client, 3, Server, 2), 1);
        TrackId(tracker, FrameBuilder.EthernetUdp(Client, 1, Server, 2), 2); // the first is now the most recent
        var third = TrackId(tracker, FrameBuilder.EthernetUdp(Client, 5, Server, 2), 3);

        Assert.NotEqual(0UL, third);
        Assert.Equal(1, tracker.FlowsEvicted);
        Assert.Equal(2, tracker.Count);
        Assert.Equal([(second, FlowEndReason.Evicted)], observer.Ended);
        Assert.True(tracker.TryGetFlow(FlowKey.Create(Client, 1, Server, 2, IpProtocol.Udp), out var kept));
        Assert.Equal(first, kept.FlowId);
    }

    [Theory]
    [InlineData(TcpFlags.Fin | TcpFlags.Ack, 59, true)]   // closing: 60 s
    [InlineData(TcpFlags.Fin | TcpFlags.Ack, 61, false)]
    [InlineData(TcpFlags.Rst, 9, true)]                   // reset: 10 s
    [InlineData(TcpFlags.Rst, 11, false)]
    [InlineData(TcpFlags.Psh | TcpFlags.Ack, 299, true)]  // established: 300 s
    [InlineData(TcpFlags.Psh | TcpFlags.Ack, 301, false)]
    public void Sweep_TimeoutDependsOnState(TcpFlags lastFlags, int idleSeconds, bool alive)
    {
        var tracker = new FlowTracker();
        Handshake(tracker);
        TrackId(tracker, FrameBuilder.EthernetTcp(Client, 40000, Server, 80, lastFlags), 3);
        tracker.Sweep(Frames.BaseTicks + 3 + TimeSpan.FromSeconds(idleSeconds).Ticks);
        Assert.Equal(alive ? 1 : 0, tracker.Count);
    }

    [Fact]
    public void Sweep_EstablishedFlowsSeenBeforeExpiredResetOnes_OnlyTheResetOnesEndAndTheWalkSeesEveryFlow()
    {
        var observer = new RecordingObserver();
        var tracker = new FlowTracker(new FlowTrackerOptions { SweepInterval = TimeSpan.FromDays(1) }, observer);
        // 100 UDP flows answered (established, 300 s), then 50 TCP flows reset (10 s), all idle 60 s later.
        for (ushort port = 1000; port < 1100; port++)
        {
            TrackId(tracker, FrameBuilder.EthernetUdp(Client, port, Server, 53), 0);
            TrackId(tracker, FrameBuilder.EthernetUdp(Server, 53, Client, port), 1);
        }
        var reset = new HashSet<ulong>();
        for (ushort port = 2000; port < 2050; port++)
        {
            reset.Add(TrackId(tracker, FrameBuilder.EthernetTcp(Client, port, Server, 80, TcpFlags.Syn), 2));
            TrackId(tracker, FrameBuilder.EthernetTcp(Server, 80, Client, port, TcpFlags.Rst | TcpFlags.Ack), 3);
        }
        var walked = new List<int>();
        for (var slot = tracker.OldestSlot; slot >= 0; slot = tracker.NewerSlot(slot))
            walked.Add(slot);

        var removed = tracker.Sweep(Frames.BaseTicks + TimeSpan.FromSeconds(60).Ticks);

        Assert.Equal(150, walked.Distinct().Count());
        Assert.Equal(50, removed);
        Assert.Equal(100, tracker.Count);
        Assert.Equal(reset, observer.Ended.Select(e => e.FlowId).ToHashSet());
        Assert.All(observer.Ended, e => Assert.Equal(FlowEndReason.Timeout, e.Reason));
        Assert.Equal(100, tracker.Sweep(Frames.BaseTicks + TimeSpan.FromSeconds(302).Ticks));
    }

    [Fact]
    public void HoldsFlow_TheSlotsOfLiveFlows_NotFreedOnes()
    {
        var observer = new RecordingObserver();
        var tracker = new FlowTracker(new FlowTrackerOptions { SweepInterval = TimeSpan.FromDays(1) }, observer);
        var live = new HashSet<int>();
        for (ushort port = 1000; port < 1040; port++)
        {
            TrackId(tracker, FrameBuilder.EthernetTcp(Client, port, Server, 80, TcpFlags.Syn), 0);
            TrackId(tracker, FrameBuilder.EthernetTcp(Server, 80, Client, port, TcpFlags.Rst | TcpFlags.Ack), 1);
        }
        for (ushort port = 2000; port < 2030; port++)
            TrackId(tracker, FrameBuilder.EthernetUdp(Client, port, Server, 53), TimeSpan.FromSeconds(40).Ticks);
        // The 40 reset flows expire (10 s); the 30 UDP flows seen at 40 s stay.
        tracker.Sweep(Frames.BaseTicks + TimeSpan.FromSeconds(41).Ticks);
        for (var slot = tracker.OldestSlot; slot >= 0; slot = tracker.NewerSlot(slot))
            live.Add(slot);

        var held = Enumerable.Range(0, tracker.SlotsEverUsed).Where(tracker.HoldsFlow).ToHashSet();

        Assert.Equal(70, tracker.SlotsEverUsed);
        Assert.DoesNotContain(Enumerable.Range(tracker.SlotsEverUsed, tracker.Capacity - tracker.SlotsEverUsed), tracker.HoldsFlow);
        Assert.False(tracker.HoldsFlow(-1));
        Assert.False(tracker.HoldsFlow(tracker.Capacity));
        Assert.Equal(40, observer.Ended.Count);
        Assert.Equal(30, live.Count);
        Assert.Equal(live, held);
    }

    [Fact]
    public void Track_FinBothWays_Closed()
    {
        var tracker = new FlowTracker();
        Handshake(tracker);
        TrackId(tracker, FrameBuilder.EthernetTcp(Client, 40000, Server, 80, TcpFlags.Fin | TcpFlags.Ack), 3);
        Assert.True(tracker.TryGetFlow(FlowKey.Create(Client, 40000, Server, 80, IpProtocol.Tcp), out var closing));
        Assert.Equal(FlowState.Closing, closing.State);
        TrackId(tracker, FrameBuilder.EthernetTcp(Server, 80, Client, 40000, TcpFlags.Fin | TcpFlags.Ack), 4);
        Assert.True(tracker.TryGetFlow(FlowKey.Create(Client, 40000, Server, 80, IpProtocol.Tcp), out var closed));
        Assert.Equal(FlowState.Closed, closed.State);
        Assert.True(closed.IsEstablished);
    }

    [Fact]
    public void Track_MidstreamNotAllowed_NeverEstablished()
    {
        var tracker = new FlowTracker(new FlowTrackerOptions { AllowMidstream = false });
        Track(tracker, FrameBuilder.EthernetTcp(Client, 40000, Server, 80, TcpFlags.Psh | TcpFlags.Ack, "x"u8), 0);
        Assert.Equal((FlowDirection.ToClient, false), Track(tracker, FrameBuilder.EthernetTcp(Server, 80, Client, 40000, TcpFlags.Ack), 1));
        Assert.Equal(1, tracker.FlowsMidstream);
    }

    [Fact]
    public void Track_ManyFlowsComingAndGoing_AgreesWithDictionaryModel()
    {
        // Random adds, expiries and evictions through the open-addressing table, checked against a model.
        var observer = new RecordingObserver();
        var tracker = new FlowTracker(new FlowTrackerOptions { MaxFlows = 64, NewTimeout = TimeSpan.FromSeconds(2), EstablishedTimeout = TimeSpan.FromSeconds(2), SweepInterval = TimeSpan.FromSeconds(1) }, observer);
        var random = new Random(42);
        var live = new Dictionary<ushort, ulong>();
        for (var i = 0; i < 20_000; i++)
        {
            var port = (ushort)random.Next(1, 200);
            var ticks = i * TimeSpan.TicksPerMillisecond * 5;
            var id = TrackId(tracker, FrameBuilder.EthernetUdp(Client, port, Server, 53), ticks);
            Assert.NotEqual(0UL, id);
            if (live.TryGetValue(port, out var known) && known != id)
                Assert.Contains(observer.Ended, e => e.FlowId == known);
            live[port] = id;
            Assert.True(tracker.Count <= 64);
        }
        Assert.Equal(tracker.FlowsCreated, tracker.Count + observer.Ended.Count);
        Assert.Equal(0, observer.Flushes);
        tracker.Flush();
        Assert.Equal(0, tracker.Count);
        Assert.Equal(tracker.FlowsCreated, observer.Ended.Count);
        // Told once, after the last end: an observer that defers work finishes it there.
        Assert.Equal(1, observer.Flushes);
    }

    [Fact]
    public void FlowKey_BothDirections_EqualKeysAndHashes()
    {
        var forward = FlowKey.Create(Client, 1234, Server, 80, IpProtocol.Tcp, 7);
        var backward = FlowKey.Create(Server, 80, Client, 1234, IpProtocol.Tcp, 7);
        Assert.Equal(forward, backward);
        Assert.Equal(forward.GetHashCode(), backward.GetHashCode());
        Assert.NotEqual(forward, FlowKey.Create(Client, 1234, Server, 80, IpProtocol.Udp, 7));
    }

    private static void Handshake(FlowTracker tracker)
    {
        TrackId(tracker, FrameBuilder.EthernetTcp(Client, 40000, Server, 80, TcpFlags.Syn), 0);
        TrackId(tracker, FrameBuilder.EthernetTcp(Server, 80, Client, 40000, TcpFlags.Syn | TcpFlags.Ack), 1);
        TrackId(tracker, FrameBuilder.EthernetTcp(Client, 40000, Server, 80, TcpFlags.Ack), 2);
    }

    private sealed class RecordingObserver : IFlowObserver
    {
        public List<(ulong FlowId, FlowEndReason Reason)> Ended { get; } = [];

        public void OnFlowStarted(int slot, in FlowEntry flow) => Assert.InRange(slot, 0, 1 << 20);

        public void OnFlowEnded(int slot, in FlowEntry flow, FlowEndReason reason) => Ended.Add((flow.FlowId, reason));

        public void OnFlushed() => Flushes++;

        public int Flushes { get; private set; }
    }

    private static (FlowDirection Direction, bool Established) Track(FlowTracker tracker, byte[] frame, long offsetTicks)
    {
        var packet = Decode(frame, offsetTicks);
        tracker.Track(ref packet);
        return (packet.Direction, packet.FlowEstablished);
    }

    private static ulong TrackId(FlowTracker tracker, byte[] frame, long offsetTicks)
    {
        var packet = Decode(frame, offsetTicks);
        tracker.Track(ref packet);
        return packet.FlowId;
    }

    private static Packet Decode(byte[] frame, long offsetTicks)
    {
        var packet = new Packet { TimestampTicks = Frames.BaseTicks + offsetTicks, WireLength = frame.Length };
        Assert.Equal(DecodeStatus.Ok, PacketDecoder.Decode(LinkType.Ethernet, frame, ref packet));
        return packet;
    }
}
