using System.Runtime.CompilerServices;
using RustIds.Detection.Behaviour;
using RustIds.Packets;

namespace RustIds.Detection.Tests.Behaviour;

/// <summary>
/// Flow events wait in the detectors' queue until the end of the next packet (or an idle read, or the flush at the end of
/// a capture), so queueing them changes when they are handled, never what the detectors count.
/// </summary>
public sealed class FlowEventQueueTests
{
    private static readonly IpAddr Host = IpAddr.Parse("192.168.1.60");
    private static readonly IpAddr Scanner = IpAddr.Parse("203.0.113.9");
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
    public void ConnectionAttempts_EachHandledByTheEndOfTheNextPacket()
    {
        var replay = new DetectorReplay(LinkType.Ethernet);
        var alertAfter = -1;
        for (var port = 1; port <= 300 && alertAfter < 0; port++)
        {
            using var one = ScanSyn(port);
            replay.Run(one);
            // This packet's attempt waits for the next packet; every earlier one was handled.
            Assert.Equal(1, replay.Detectors.QueuedFlowEvents);
            if (replay.Sink.Alerts.Count > 0)
                alertAfter = port;
        }

        // The fast scan is reported while the scan goes on, not when its flows end.
        Assert.InRange(alertAfter, new PortScanOptions().FastPorts, 300);
        Assert.Equal(DetectorSignature.FastPortScan.Sid, replay.Sink.Alerts[0].Sid);

        // The same scan one packet shorter: its last attempt, the one that crosses the threshold, is still queued until
        // the capture goes idle.
        var shorter = new DetectorReplay(LinkType.Ethernet);
        for (var port = 1; port < alertAfter; port++)
        {
            using var one = ScanSyn(port);
            shorter.Run(one);
        }
        Assert.Empty(shorter.Sink.Alerts);
        shorter.Detectors.OnIdle();
        Assert.Equal(0, shorter.Detectors.QueuedFlowEvents);
        Assert.Equal(DetectorSignature.FastPortScan.Sid, Assert.Single(shorter.Sink.Alerts).Sid);
    }

    private static MemoryPacketSource ScanSyn(int port)
    {
        var one = new MemoryPacketSource();
        one.Add(FrameBuilder.EthernetTcp(Scanner, 50000, Host, (ushort)port, TcpFlags.Syn), Start + port * TimeSpan.TicksPerMillisecond);
        return one;
    }
}
