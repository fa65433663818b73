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
        // Each source is busy enough to get state of its own (DetectorSet.BusyAfter attempts), on ports of its own so no
        // service floods and no source scans: nothing is raised, so nothing legitimately allocates.
        using var first = Syns(fromSource: 0, count: 100_000, startTicks: Start);
        using var second = Syns(fromSource: 100_000, count: 100_000, startTicks: Start + TimeSpan.FromDays(1).Ticks);
        replay.Run(first);

        var allocated = Allocations.Measure(() => replay.Run(second), attempts: 1);

        Assert.Equal(0, allocated);
        Assert.Empty(replay.Sink.Alerts);
        Assert.True(replay.Detectors.Sources.Count <= replay.Detectors.Sources.Capacity);
        // Nearly every source got an entry (those whose attempts straddle a filter window restart stay below the filter), and the
        // table held at most its capacity of them at any time.
        var entered = replay.Detectors.Sources.Evictions + replay.Detectors.Sources.Count;
        Assert.True(entered >= 190_000, $"{entered} of 200,000 sources got an entry ({replay.Detectors.Sources.Evictions} evictions, {replay.Detectors.Sources.Capacity} entries)");
        Assert.True(replay.Detectors.Services.Count <= replay.Detectors.Services.Capacity);
    }

    private static MemoryPacketSource Syns(int fromSource, int count, long startTicks)
    {
        var source = new MemoryPacketSource();
        var attempts = DetectorSet.BusyAfter + 1;
        for (var i = 0; i < count; i++)
        {
            var client = IpAddr.FromV4(0xC6120000u + (uint)(fromSource + i)); // 198.18.0.0/15 and on, distinct per source
            for (var k = 0; k < attempts; k++)
            {
                var port = (ushort)(1024 + ((fromSource + i) * attempts + k) % 60000);
                source.Add(FrameBuilder.EthernetTcp(client, (ushort)(40000 + k), Server, port, TcpFlags.Syn, sequence: (uint)i),
                    startTicks + (i * attempts + k) * TimeSpan.FromMilliseconds(1).Ticks);
            }
        }
        return source;
    }
}
