using System.Runtime.CompilerServices;
using RustIds.Detection.Behaviour;
using RustIds.Packets;

namespace RustIds.Detection.Tests.Behaviour;

/// <summary>
/// Flow events wait in the detectors' queue only until the end of their packet (or the flush at the end of a capture),
/// so queueing them changes when within a packet they are handled, never what the detectors count.
/// </summary>
public sealed class FlowEventQueueTests
{
    private static readonly IpAddr Host = IpAddr.Parse("192.168.1.60");
    private static readonly long Start = new DateTime(2026, 12, 4, 0, 0, 0, DateTimeKind.Utc).Ticks;

    [Fact]
    public void FlowsEndingAtTheFlush_MoreThanTheQueueHolds_EveryOneIsCredited()
    {
        var replay = new DetectorReplay(LinkType.Ethernet);
        var flows = PendingFlowEvents.Capacity + 8;
        using var frames = new MemoryPacketSource();
        for (var i = 0; i < flows; i++)
            frames.Add(FrameBuilder.EthernetUdp(Host, (ushort)(40000 + i), IpAddr.FromV4(0xC6336400u + (uint)i), 5000, [1, 2]), Start + i * TimeSpan.TicksPerMillisecond);

        replay.Run(frames);
        // No flow has ended yet: the host is first credited when its flows end.
        Assert.True(Unsafe.IsNullRef(ref replay.Detectors.Anomaly!.Hosts.Find(new AddressKey(Host))));
        replay.Finish();

        Assert.Equal(0, replay.Detectors.QueuedFlowEvents);
        ref var host = ref replay.Detectors.Anomaly!.Hosts.Find(new AddressKey(Host));
        Assert.Equal(flows, host.NewFlows);
        Assert.Equal(flows, host.Packets);
    }

    [Fact]
    public void ConnectionAttempts_EachHandledByTheEndOfItsPacket()
    {
        var replay = new DetectorReplay(LinkType.Ethernet);
        var scanner = IpAddr.Parse("203.0.113.9");
        var alertAfter = -1;
        for (var port = 1; port <= 300 && alertAfter < 0; port++)
        {
            using var one = new MemoryPacketSource();
            one.Add(FrameBuilder.EthernetTcp(scanner, 50000, Host, (ushort)port, TcpFlags.Syn), Start + port * TimeSpan.TicksPerMillisecond);
            replay.Run(one);
            Assert.Equal(0, replay.Detectors.QueuedFlowEvents);
            if (replay.Sink.Alerts.Count > 0)
                alertAfter = port;
        }

        // The fast scan is reported while the scan goes on, not when its flows end.
        Assert.InRange(alertAfter, new PortScanOptions().FastPorts, 300);
        Assert.Equal(DetectorSignature.FastPortScan.Sid, replay.Sink.Alerts[0].Sid);
    }
}
