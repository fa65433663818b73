using static RustIds.Packets.Defragmentation.Tests.Fragments;

namespace RustIds.Packets.Defragmentation.Tests;

[Collection(global::RustIds.Packets.Tests.AllocationCollection.Name)]
public sealed class DefragAllocationTests
{
    [Fact]
    public void Process_WarmedUpMixedTraffic_AllocatesNothing()
    {
        // Small table and memcap so eviction, expiry and page reuse all run in the measured loop.
        var defrag = new IpDefragmenter(new DefragOptions { MaxDatagrams = 16, MemcapBytes = 128 * IpDefragmenter.PageBytes });
        var traffic = BuildTraffic();
        var clock = T0;

        var sum = 0L;
        for (var round = 0; round < 20; round++)
            sum += Replay(defrag, traffic, ref clock);
        var reassembledBefore = defrag.Counters.Ipv4Reassembled + defrag.Counters.Ipv6Reassembled;

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var round = 0; round < 200; round++)
            sum += Replay(defrag, traffic, ref clock);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.True(sum > 0);
        Assert.True(defrag.Counters.Ipv4Reassembled + defrag.Counters.Ipv6Reassembled - reassembledBefore >= 200 * 6);
        Assert.True(defrag.Counters.Overlaps > 0);
        Assert.True(defrag.Counters.Timeouts > 0);
        Assert.True(defrag.Counters.EvictedTableFull > 0);
        Assert.True(defrag.Counters.Dropped > 0);
    }

    private static long Replay(IpDefragmenter defrag, List<byte[]> traffic, ref long clock)
    {
        long sum = 0;
        for (var i = 0; i < traffic.Count; i++)
        {
            clock += TimeSpan.TicksPerMillisecond;
            if (defrag.Process(traffic[i], clock, 7, out var reassembled) == DefragResult.Reassembled)
                sum += reassembled.Length + reassembled[^1];
        }
        // Half-finished datagrams age out in packet time.
        clock += TimeSpan.TicksPerMinute;
        defrag.Expire(clock);
        return sum;
    }

    private static List<byte[]> BuildTraffic()
    {
        var traffic = new List<byte[]>();
        var udp = FrameBuilder.Udp(V4Source, V4Destination, 5000, 53, Pattern(4000));
        var v4 = SplitV4(100, udp, 1480, 17);
        traffic.AddRange(v4);
        traffic.AddRange(Enumerable.Reverse(v4).Select(f => f.ToArray()));
        traffic.AddRange([v4[1], v4[0], v4[0], v4[2]]);
        var udp6 = FrameBuilder.Udp(V6Source, V6Destination, 5000, 53, Pattern(3000));
        var v6 = SplitV6(200, udp6, 1232, 17, OptionsHeader(FragmentHeader), HopByHop);
        traffic.AddRange(v6);
        traffic.AddRange(Enumerable.Reverse(v6).Select(f => f.ToArray()));
        // Overlapping, conflicting fragments.
        traffic.AddRange([V4(7, 0, true, 'A', 24), V4(7, 8, true, 'J', 32), V4(7, 40, false, 'Q', 5)]);
        // Malformed and never-completed fragments.
        traffic.Add(V4(8, 0, true, 'A', 12));
        traffic.Add(V4(9, 65528, false, 'A', 16));
        for (ushort id = 300; id < 340; id++)
            traffic.Add(V4(id, 8, true, 'X', 1024));
        return traffic;
    }
}
