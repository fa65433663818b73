using RustIds.Detection.Behaviour;
using RustIds.Packets;

namespace RustIds.Detection.Tests.Behaviour;

/// <summary>What the per-interval walk credited of a flow is forgotten when the flow ends: its slot's next flow starts uncredited.</summary>
public sealed class FlowCreditsTests
{
    private static readonly IpAddr Host = IpAddr.Parse("192.168.1.60");
    private static readonly IpAddr Other = IpAddr.Parse("192.168.1.61");
    private static readonly IpAddr Outside = IpAddr.Parse("198.51.100.1");
    private static readonly long Start = new DateTime(2026, 12, 4, 0, 0, 0, DateTimeKind.Utc).Ticks;

    [Fact]
    public void FlowWalkedThenEnded_NextFlowInItsSlot_IsANewFlowCreditedFromZero()
    {
        var replay = new DetectorReplay(LinkType.Ethernet);
        using var frames = new MemoryPacketSource();
        // Two packets of one UDP flow, a walk at the 60 s boundary credits them (and remembers it), the flow times out
        // (30 s) and the same five-tuple comes back at 80 s: a new flow, in the same slot.
        frames.Add(FrameBuilder.EthernetUdp(Host, 40000, Outside, 5000, [1]), At(0));
        frames.Add(FrameBuilder.EthernetUdp(Host, 40000, Outside, 5000, [2]), At(45));
        frames.Add(FrameBuilder.EthernetUdp(Other, 40001, Outside, 5001, [3]), At(61));
        frames.Add(FrameBuilder.EthernetUdp(Host, 40000, Outside, 5000, [4]), At(80));
        frames.Add(FrameBuilder.EthernetUdp(Other, 40001, Outside, 5001, [5]), At(125));

        replay.Run(frames);

        ref var host = ref replay.Detectors.Anomaly!.Hosts.Find(new AddressKey(Host));
        Assert.Equal(80 / 60, host.Interval - (At(0) / TimeSpan.TicksPerMinute));
        Assert.Equal(1, host.NewFlows);
        Assert.Equal(1, host.Packets);
    }

    private static long At(int seconds) => Start + (seconds * TimeSpan.TicksPerSecond);
}
