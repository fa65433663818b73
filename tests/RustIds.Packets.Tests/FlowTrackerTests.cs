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
        Assert.Equal(FlowState.SynSeen | FlowState.SynAckSeen | FlowState.Established, entry.State);
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
    public void Track_TableFull_NewFlowRejectedAndCounted()
    {
        var tracker = new FlowTracker(new FlowTrackerOptions { MaxFlows = 2 });
        TrackId(tracker, FrameBuilder.EthernetUdp(Client, 1, Server, 2), 0);
        TrackId(tracker, FrameBuilder.EthernetUdp(Client, 3, Server, 2), 0);
        Assert.Equal(0UL, TrackId(tracker, FrameBuilder.EthernetUdp(Client, 5, Server, 2), 0));
        Assert.Equal(1, tracker.FlowsRejected);
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
