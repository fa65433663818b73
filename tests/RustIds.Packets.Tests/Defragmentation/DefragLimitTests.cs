using System.Buffers.Binary;
using static RustIds.Packets.Defragmentation.Tests.Fragments;

namespace RustIds.Packets.Defragmentation.Tests;

public sealed class DefragLimitTests
{
    private static readonly long Second = TimeSpan.TicksPerSecond;

    [Fact]
    public void Expire_IdlePastTimeout_DropsIncompleteDatagrams()
    {
        var defrag = new IpDefragmenter();
        defrag.Process(V4(1, 0, true, 'A', 8), T0, 0, out _);
        defrag.Process(V4(2, 0, true, 'B', 8), T0 + (10 * Second), 0, out _);

        Assert.Equal(0, defrag.Expire(T0 + (30 * Second)));
        Assert.Equal(1, defrag.Expire(T0 + (31 * Second)));
        Assert.Equal(1, defrag.ActiveDatagrams);
        Assert.Equal(1, defrag.Expire(T0 + (41 * Second)));
        Assert.Equal(2, defrag.Counters.Timeouts);
        Assert.Equal(0, defrag.HeldBytes);
    }

    [Fact]
    public void Process_LastFragmentAfterTimeout_StartsNewDatagramInsteadOfCompleting()
    {
        // Suricata's DefragTimeoutTest idea, with packet time: the old half expires when a later fragment arrives.
        var defrag = new IpDefragmenter();
        Assert.Equal(DefragResult.Held, defrag.Process(V4(1, 0, true, 'A', 8), T0, 0, out _));

        Assert.Equal(DefragResult.Held, defrag.Process(V4(1, 8, false, 'B', 8), T0 + (31 * Second), 0, out _));

        Assert.Equal(1, defrag.Counters.Timeouts);
        Assert.Equal(1, defrag.ActiveDatagrams);
        Assert.Equal(0, defrag.Counters.Ipv4Reassembled);
    }

    [Fact]
    public void Process_EachFragmentRefreshesIdleTime_CompletesWithinTimeout()
    {
        var defrag = new IpDefragmenter(new DefragOptions { Timeout = TimeSpan.FromSeconds(5) });
        defrag.Process(V4(1, 0, true, 'A', 8), T0, 0, out _);
        defrag.Process(V4(1, 8, true, 'B', 8), T0 + (4 * Second), 0, out _);

        Assert.Equal(DefragResult.Reassembled, defrag.Process(V4(1, 16, false, 'C', 8), T0 + (8 * Second), 0, out _));
        Assert.Equal(0, defrag.Counters.Timeouts);
    }

    [Fact]
    public void Process_MemcapReached_EvictsLeastRecentlyActiveDatagram()
    {
        // 64 pages of memory = one largest datagram; A holds 40 KiB, B needs 30 KiB more.
        var defrag = new IpDefragmenter(new DefragOptions { MemcapBytes = 64 * IpDefragmenter.PageBytes });
        var a = SplitV4(1, Pattern(50 * 1024), 1024, 17);
        var b = SplitV4(2, Pattern(30 * 1024), 1024, 17);
        Feed(defrag, a.Take(40), T0);
        Assert.Equal(40L * IpDefragmenter.PageBytes, defrag.HeldBytes);

        var (result, reassembled) = Feed(defrag, b, T0 + Second);

        Assert.Equal(DefragResult.Reassembled, result);
        Assert.Equal(20 + (30 * 1024), reassembled.Length);
        Assert.Equal(1, defrag.Counters.EvictedMemcap);
        Assert.Equal(0, defrag.ActiveDatagrams);
        // A's remaining fragments start a new datagram that can never complete.
        Assert.Equal(DefragResult.Held, Feed(defrag, a.Skip(40), T0 + (2 * Second)).Result);
    }

    [Fact]
    public void Process_TableFull_EvictsOldestDatagram()
    {
        var defrag = new IpDefragmenter(new DefragOptions { MaxDatagrams = 2 });
        defrag.Process(V4(1, 0, true, 'A', 8), T0, 0, out _);
        defrag.Process(V4(2, 0, true, 'B', 8), T0 + 1, 0, out _);
        defrag.Process(V4(1, 8, true, 'A', 8), T0 + 2, 0, out _); // datagram 1 is now the most recent

        defrag.Process(V4(3, 0, true, 'C', 8), T0 + 3, 0, out _);

        Assert.Equal(1, defrag.Counters.EvictedTableFull);
        Assert.Equal(2, defrag.ActiveDatagrams);
        Assert.Equal(DefragResult.Reassembled, defrag.Process(V4(1, 16, false, 'A', 8), T0 + 4, 0, out _));
        Assert.Equal(DefragResult.Held, defrag.Process(V4(2, 8, false, 'B', 8), T0 + 5, 0, out _));
    }

    [Fact]
    public void Process_TooManyFragments_DropsWholeDatagram()
    {
        var defrag = new IpDefragmenter(new DefragOptions { MaxFragmentsPerDatagram = 4 });
        for (var i = 0; i < 4; i++)
            Assert.Equal(DefragResult.Held, defrag.Process(V4(1, 8, true, 'A', 8), T0, 0, out _));

        Assert.Equal(DefragResult.Dropped, defrag.Process(V4(1, 16, true, 'A', 8), T0, 0, out _));

        Assert.Equal(1, defrag.Counters.DroppedFor(DefragDropReason.TooManyFragments));
        Assert.Equal(0, defrag.ActiveDatagrams);
        Assert.Equal(0, defrag.HeldBytes);
    }

    [Fact]
    public void Process_PingOfDeath_IsDroppedAndCounted()
    {
        // Classic ping of death: ICMP echo whose last fragment sits at offset 65528 (FO 8191) with 1480 bytes.
        var defrag = new IpDefragmenter();
        var echo = FrameBuilder.Icmp(V4Source, V4Destination, 8, 0, Pattern(1476));
        Assert.Equal(DefragResult.Held, defrag.Process(V4(666, 0, true, echo), T0, 0, out _));

        Assert.Equal(DefragResult.Dropped, defrag.Process(V4(666, 65528, false, 'X', 1480), T0, 0, out _));
        // Suricata's DefragTooLargeIpv4Test: 8183 × 8 + 20 + 71 = 65555 > 65535.
        Assert.Equal(DefragResult.Dropped, defrag.Process(V4(1, 8183 * 8, false, 'A', 71), T0, 0, out _));

        Assert.Equal(2, defrag.Counters.DroppedFor(DefragDropReason.TooLarge));
        Assert.Equal(1, defrag.ActiveDatagrams);
    }

    [Fact]
    public void Process_LargestDatagram_Reassembles()
    {
        // 20 + 65515 = 65535: the biggest legal IPv4 datagram still reassembles.
        var transport = Pattern(65515);
        var defrag = new IpDefragmenter();

        var (result, reassembled) = Feed(defrag, SplitV4(9, transport, 8192, 200));

        Assert.Equal(DefragResult.Reassembled, result);
        Assert.Equal(65535, reassembled.Length);
        Assert.Equal(65535, BinaryPrimitives.ReadUInt16BigEndian(reassembled.AsSpan(2)));
        Assert.Equal(transport, reassembled[20..]);
    }

    [Fact]
    public void Process_SmallerMaxReassembledLength_DropsLongerDatagrams()
    {
        var defrag = new IpDefragmenter(new DefragOptions { MaxReassembledLength = 1500 });

        Assert.Equal(DefragResult.Dropped, defrag.Process(V4(1, 1480, false, 'A', 8), T0, 0, out _));
        Assert.Equal(DefragResult.Held, defrag.Process(V4(1, 1472, false, 'A', 8), T0, 0, out _));
        Assert.Equal(1, defrag.Counters.DroppedFor(DefragDropReason.TooLarge));
    }

    [Fact]
    public void Process_FirstHeaderLongerThanOthers_RechecksLengthAtCompletion()
    {
        // Every fragment fits with its own header (20 + 65515 = 65535 for the last), but the first fragment's 60-byte
        // header makes the reassembled total 65575: dropped as too large when completing.
        var first = FrameBuilder.Ipv4(V4Source, V4Destination, 200, Pattern(8), identification: 4, moreFragments: true, options: new byte[40]);
        var defrag = new IpDefragmenter();

        Assert.Equal(DefragResult.Held, defrag.Process(V4(4, 65512, false, 'Z', 3, protocol: 200), T0, 0, out _));
        Assert.Equal(DefragResult.Held, defrag.Process(V4(4, 8, true, 'M', 65504, protocol: 200), T0, 0, out _));
        Assert.Equal(DefragResult.Dropped, defrag.Process(first, T0, 0, out _));

        Assert.Equal(1, defrag.Counters.DroppedFor(DefragDropReason.TooLarge));
        Assert.Equal(0, defrag.ActiveDatagrams);
    }
}
