using RustIds.Packets;
using RustIds.Rules.Thresholds;

namespace RustIds.Rules.Tests.Thresholds;

public sealed class ThresholdStateMemoryTests
{
    private static readonly IpAddr Server = IpAddr.Parse("192.0.2.25");

    [Fact]
    public void Decide_MillionDistinctSourcesWithCap10000_EntriesBoundedAndEvictionsCounted()
    {
        var state = new ThresholdState(new ThresholdStateOptions { MaxEntries = 10_000 });
        var rule = new RuleThresholds(new ThresholdSpec(ThresholdType.Limit, ThresholdTrack.BySrc, 1, 60), null, [], null);
        var maxSeen = 0;
        for (uint i = 0; i < 1_000_000; i++)
        {
            // 1,000 new sources per packet-second: the oldest entries are still inside their 60 s window.
            var decision = state.Decide(0, rule, IpAddr.FromV4(0x0A000000u + i), Server, i, Tick.Base + (i * (TimeSpan.TicksPerSecond / 1000)));
            Assert.Equal(AlertDecision.Alert, decision);
            maxSeen = Math.Max(maxSeen, state.EntryCount);
        }
        Assert.Equal(10_000, maxSeen);
        Assert.Equal(1_000_000, state.Counters.EntriesCreated);
        Assert.Equal(990_000, state.Counters.EvictedExpired + state.Counters.EvictedLive);
        Assert.True(state.Counters.EvictedLive > 0);
    }

    [Fact]
    public void Decide_TableFull_PrefersExpiredEntryOverOldestLive()
    {
        var state = new ThresholdState(new ThresholdStateOptions { MaxEntries = 3 });
        var longRule = new RuleThresholds(new ThresholdSpec(ThresholdType.Limit, ThresholdTrack.BySrc, 1, 3600), null, [], null);
        var shortRule = new RuleThresholds(new ThresholdSpec(ThresholdType.Limit, ThresholdTrack.BySrc, 1, 1), null, [], null);
        var a = IpAddr.Parse("10.0.0.1");
        state.Decide(0, longRule, a, Server, 1, Tick.At(0));                               // oldest, live for an hour
        state.Decide(1, shortRule, IpAddr.Parse("10.0.0.2"), Server, 1, Tick.At(1));       // expires at t=2
        state.Decide(1, shortRule, IpAddr.Parse("10.0.0.3"), Server, 1, Tick.At(1));
        state.Decide(1, shortRule, IpAddr.Parse("10.0.0.4"), Server, 1, Tick.At(5));       // full: reuses an expired one
        Assert.Equal(1, state.Counters.EvictedExpired);
        Assert.Equal(0, state.Counters.EvictedLive);
        // The long-lived entry survived, so its limit still holds.
        Assert.Equal(AlertDecision.SilentMatch, state.Decide(0, longRule, a, Server, 1, Tick.At(6)));
    }

    [Fact]
    public void Constructor_DefaultOptions_PreallocatesAboutTenMegabytes()
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        var state = new ThresholdState();
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        // 100,000 entries of 96 bytes plus 131,072 four-byte buckets, plus small objects.
        Assert.InRange(allocated, 9_600_000, 10_300_000);
        Assert.Equal(0, state.EntryCount);
    }
}
