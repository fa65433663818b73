using RustIds.Detection.Behaviour;
using RustIds.Packets;

namespace RustIds.Detection.Tests.Behaviour;

/// <summary>Under 100,000 distinct sources the detectors' state stays within its tables and nothing is allocated per packet.</summary>
[Collection(AllocationCollection.Name)]
public sealed class DetectorMemoryTests
{
    private static readonly IpAddr Server = IpAddr.Parse("192.168.1.20");
    private static readonly long Start = new DateTime(2026, 12, 4, 0, 0, 0, DateTimeKind.Utc).Ticks;

    [Fact]
    public void HundredThousandSources_StateStaysBounded_AndAllocatesNothing()
    {
        var options = new DetectorOptions { TrackedSources = 8192 };
        var replay = new DetectorReplay(LinkType.Ethernet, options);
        // SYNs 20 ms apart: 250 per 5 s, under the flood threshold, so nothing is raised and nothing legitimately allocates.
        using var first = Syns(fromSource: 0, count: 100_000, startTicks: Start);
        using var second = Syns(fromSource: 100_000, count: 100_000, startTicks: Start + TimeSpan.FromHours(1).Ticks);
        replay.Run(first);

        var allocated = Allocations.Measure(() => replay.Run(second), attempts: 1);

        Assert.Equal(0, allocated);
        Assert.Empty(replay.Sink.Alerts);
        Assert.True(replay.Detectors.Sources.Count <= replay.Detectors.Sources.Capacity);
        Assert.True(replay.Detectors.Sources.Evictions >= 200_000 - replay.Detectors.Sources.Capacity,
            $"{replay.Detectors.Sources.Evictions} evictions for 200,000 sources in {replay.Detectors.Sources.Capacity} entries");
        Assert.Equal(1, replay.Detectors.Services.Count);
    }

    private static MemoryPacketSource Syns(int fromSource, int count, long startTicks)
    {
        var source = new MemoryPacketSource();
        for (var i = 0; i < count; i++)
        {
            var client = IpAddr.FromV4(0xC6120000u + (uint)(fromSource + i)); // 198.18.0.0/15 and on, distinct per SYN
            source.Add(FrameBuilder.EthernetTcp(client, (ushort)(40000 + i % 20000), Server, 80, TcpFlags.Syn, sequence: (uint)i),
                startTicks + i * TimeSpan.FromMilliseconds(20).Ticks);
        }
        return source;
    }
}
