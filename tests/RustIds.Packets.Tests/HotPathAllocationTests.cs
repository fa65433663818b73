namespace RustIds.Packets.Tests;

[Collection(AllocationCollection.Name)]
public sealed class HotPathAllocationTests
{
    [Fact]
    public void ReplayDecodeAndTrack_AfterWarmUp_AllocatesNothing()
    {
        var source = BuildReplay();
        Assert.True(source.Count >= 10_000);
        // Flows idle for 30 s expire, so the measured pass also removes and re-creates flows.
        var tracker = new FlowTracker(new FlowTrackerOptions { MaxFlows = 4096, NewTimeout = TimeSpan.FromSeconds(30), SweepInterval = TimeSpan.FromSeconds(1) });
        var counters = new DecodeCounters();

        Replay(source, tracker, counters);
        var allocated = Allocations.Measure(() =>
        {
            source.Rewind();
            Replay(source, tracker, counters);
        });

        Assert.Equal(0, allocated);
        Assert.Equal(0, counters.Packets % source.Count);
        Assert.Equal(counters.Packets, counters.Ok);
        Assert.True(tracker.FlowsExpired > 0);
    }

    private static void Replay(MemoryPacketSource source, FlowTracker tracker, DecodeCounters counters)
    {
        while (source.ReadNext(out var frame) == PacketReadResult.Packet)
        {
            var packet = new Packet { TimestampTicks = frame.TimestampTicks, WireLength = frame.WireLength, Frame = frame.Data };
            var status = PacketDecoder.Decode(source.LinkType, frame.Data, ref packet);
            counters.Count(status, frame.WireLength);
            if (status == DecodeStatus.Ok)
                tracker.Track(ref packet);
        }
    }

    /// <summary>50 rounds of 20 flows (TCP v4/v6 handshake + data + FIN, UDP v4, ICMP), one round per minute of packet time.</summary>
    private static MemoryPacketSource BuildReplay()
    {
        var source = new MemoryPacketSource(LinkType.Ethernet);
        var ticks = Frames.BaseTicks;
        for (var round = 0; round < 50; round++)
        {
            ticks += TimeSpan.FromMinutes(1).Ticks;
            for (var flow = 0; flow < 20; flow++)
            {
                var (client, server) = flow % 2 == 0 ? (Frames.ClientV4, Frames.ServerV4) : (Frames.ClientV6, Frames.ServerV6);
                var port = (ushort)(20000 + flow);
                foreach (var frame in Conversation(client, port, server, flow))
                    source.Add(frame, ticks += TimeSpan.TicksPerMillisecond);
            }
        }
        return source;
    }

    private static IEnumerable<byte[]> Conversation(IpAddr client, ushort port, IpAddr server, int flow)
    {
        yield return FrameBuilder.EthernetTcp(client, port, server, 80, TcpFlags.Syn);
        yield return FrameBuilder.EthernetTcp(server, 80, client, port, TcpFlags.Syn | TcpFlags.Ack);
        yield return FrameBuilder.EthernetTcp(client, port, server, 80, TcpFlags.Ack);
        for (var i = 0; i < 3; i++)
        {
            yield return FrameBuilder.EthernetTcp(client, port, server, 80, TcpFlags.Psh | TcpFlags.Ack, "GET / HTTP/1.1\r\n\r\n"u8);
            yield return FrameBuilder.EthernetTcp(server, 80, client, port, TcpFlags.Ack);
        }
        yield return FrameBuilder.EthernetTcp(client, port, server, 80, TcpFlags.Fin | TcpFlags.Ack);
        yield return FrameBuilder.EthernetTcp(server, 80, client, port, TcpFlags.Fin | TcpFlags.Ack);
        yield return FrameBuilder.EthernetUdp(client, port, server, 53, "q"u8);
        yield return FrameBuilder.EthernetUdp(server, 53, client, port, "a"u8);
        if (client.IsV4)
            yield return FrameBuilder.Ethernet(FrameBuilder.Ip(client, server, IpProtocol.Icmp, FrameBuilder.Icmp(client, server, 8, 0, [0, (byte)flow, 0, 1])));
    }
}
