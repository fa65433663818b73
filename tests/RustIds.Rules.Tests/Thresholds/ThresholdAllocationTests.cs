using RustIds.Packets;
using RustIds.Rules.Thresholds;

namespace RustIds.Rules.Tests.Thresholds;

[Collection(AllocationCollection.Name)]
public sealed class ThresholdAllocationTests
{
    [Fact]
    public void Decide_AfterWarmUp_AllocatesNothingForExistingAndNewKeys()
    {
        Assert.True(IpAddressSetParser.TryParse("[10.0.0.0/8,2001:db8::/32]", _ => null, out var set, out _, out _));
        RuleThresholds[] rules =
        [
            new(new ThresholdSpec(ThresholdType.Limit, ThresholdTrack.BySrc, 2, 60), null, [], null),
            new(new ThresholdSpec(ThresholdType.Both, ThresholdTrack.ByBoth, 3, 60), null, [new SuppressSpec(SuppressTrack.ByEither, set)], null),
            new(null, new DetectionFilterSpec(ThresholdTrack.ByFlow, 2, 10), [], new RateFilterSpec(ThresholdTrack.ByRule, 5, 60, RateFilterAction.Drop, 30)),
            new(new ThresholdSpec(ThresholdType.Threshold, ThresholdTrack.ByDst, 4, 1), null, [new SuppressSpec(SuppressTrack.Rule, null)], null),
        ];
        var state = new ThresholdState(new ThresholdStateOptions { MaxEntries = 1_000 });
        var server = IpAddr.Parse("192.0.2.1");
        var v6 = IpAddr.Parse("2001:db8::7");
        void Run(int from, int count)
        {
            for (var i = from; i < from + count; i++)
            {
                var rule = rules[i & 3];
                // New sources keep arriving, so the full table keeps evicting and reusing entries.
                var source = (i & 7) == 0 ? v6 : IpAddr.FromV4(0xC6336400u + (uint)(i % 5000));
                state.Decide(i & 3, rule, source, server, (ulong)(i % 300), Tick.Base + (i * 1000L));
            }
        }
        Run(0, 20_000);
        var before = GC.GetAllocatedBytesForCurrentThread();
        Run(20_000, 200_000);
        var after = GC.GetAllocatedBytesForCurrentThread();
        Assert.Equal(0, after - before);
        Assert.True(state.Counters.EvictedExpired + state.Counters.EvictedLive > 0);
        Assert.True(state.Counters.Alerts > 0 && state.Counters.SilentMatches > 0 && state.Counters.Suppressed > 0);
    }
}
