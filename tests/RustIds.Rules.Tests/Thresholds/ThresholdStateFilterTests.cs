using RustIds.Packets;
using RustIds.Rules.Thresholds;

namespace RustIds.Rules.Tests.Thresholds;

/// <summary>Suppress, rate_filter and the order Suricata applies them in.</summary>
public sealed class ThresholdStateFilterTests
{
    private static readonly IpAddr Attacker = IpAddr.Parse("203.0.113.7");
    private static readonly IpAddr Server = IpAddr.Parse("192.0.2.25");

    private static SuppressSpec Suppress(SuppressTrack track, string ip)
    {
        Assert.True(IpAddressSetParser.TryParse(ip, _ => null, out var set, out var error, out _), error);
        return new SuppressSpec(track, set);
    }

    [Theory]
    [InlineData(SuppressTrack.BySrc, "203.0.113.0/24", AlertDecision.SilentMatch)]
    [InlineData(SuppressTrack.BySrc, "192.0.2.25", AlertDecision.Alert)]
    [InlineData(SuppressTrack.ByDst, "192.0.2.25", AlertDecision.SilentMatch)]
    [InlineData(SuppressTrack.ByDst, "203.0.113.7", AlertDecision.Alert)]
    [InlineData(SuppressTrack.ByEither, "192.0.2.0/24", AlertDecision.SilentMatch)]
    [InlineData(SuppressTrack.ByEither, "203.0.113.7", AlertDecision.SilentMatch)]
    [InlineData(SuppressTrack.ByEither, "10.0.0.0/8", AlertDecision.Alert)]
    [InlineData(SuppressTrack.BySrc, "[10.0.0.0/8, 203.0.113.7]", AlertDecision.SilentMatch)]
    [InlineData(SuppressTrack.BySrc, "2001:db8::/32", AlertDecision.Alert)]
    public void Decide_SuppressWithTrackAndIp_HidesOnlyMatchingAddresses(SuppressTrack track, string ip, AlertDecision expected)
    {
        var state = new ThresholdState();
        var rule = new RuleThresholds(null, null, [Suppress(track, ip)], null);
        Assert.Equal(expected, state.Decide(0, rule, Attacker, Server, 1, Tick.At(0)));
    }

    [Fact]
    public void Decide_SuppressIPv6Source_HidesIPv6Match()
    {
        var state = new ThresholdState();
        var rule = new RuleThresholds(null, null, [Suppress(SuppressTrack.BySrc, "2001:db8::/32")], null);
        Assert.Equal(AlertDecision.SilentMatch, state.Decide(0, rule, IpAddr.Parse("2001:db8::1"), IpAddr.Parse("2001:db9::1"), 1, Tick.At(0)));
        Assert.Equal(AlertDecision.Alert, state.Decide(0, rule, IpAddr.Parse("2001:db9::1"), IpAddr.Parse("2001:db8::1"), 1, Tick.At(0)));
        Assert.Equal(1, state.Counters.SuppressedByAddress);
    }

    [Fact]
    public void Decide_SuppressWithoutTrack_NeverAlertsButThresholdStillCounts()
    {
        var state = new ThresholdState();
        var threshold = new ThresholdSpec(ThresholdType.Threshold, ThresholdTrack.BySrc, 2, 60);
        var rule = new RuleThresholds(threshold, null, [new SuppressSpec(SuppressTrack.Rule, null)], null);
        // Match 1 is below the threshold (no action either); match 2 reaches it, but noalert leaves only the rule's action.
        Assert.Equal(AlertDecision.Suppress, state.Decide(0, rule, Attacker, Server, 1, Tick.At(0)));
        Assert.Equal(AlertDecision.SilentMatch, state.Decide(0, rule, Attacker, Server, 1, Tick.At(1)));
        Assert.Equal(1, state.Counters.NoAlert);
    }

    [Fact]
    public void Decide_SuppressedByAddress_DoesNotFeedTheThreshold()
    {
        // Suricata handles the suppress list before the threshold list, so suppressed matches are not counted.
        var state = new ThresholdState();
        var threshold = new ThresholdSpec(ThresholdType.Threshold, ThresholdTrack.ByDst, 2, 60);
        var rule = new RuleThresholds(threshold, null, [Suppress(SuppressTrack.BySrc, "203.0.113.7")], null);
        var other = IpAddr.Parse("198.51.100.1");
        Assert.Equal(AlertDecision.SilentMatch, state.Decide(0, rule, Attacker, Server, 1, Tick.At(0)));
        Assert.Equal(AlertDecision.SilentMatch, state.Decide(0, rule, Attacker, Server, 1, Tick.At(1)));
        Assert.Equal(AlertDecision.Suppress, state.Decide(0, rule, other, Server, 2, Tick.At(2)));
        Assert.Equal(AlertDecision.Alert, state.Decide(0, rule, other, Server, 2, Tick.At(3)));
    }

    [Fact]
    public void Decide_RateFilter_SwitchesActionForTimeoutThenBack()
    {
        // rate_filter gen_id 1, sig_id 888, track by_src, count 10, seconds 60, new_action drop, timeout 300
        var state = new ThresholdState();
        var rule = new RuleThresholds(null, null, [], new RateFilterSpec(ThresholdTrack.BySrc, 10, 60, RateFilterAction.Drop, 300));
        for (var i = 0; i < 10; i++)
            Assert.Equal(AlertDecision.Alert, state.Decide(0, rule, Attacker, Server, 1, Tick.At(i)));
        // The 11th match within 60 s exceeds the rate at t=10: drop from now on.
        Assert.Equal(AlertDecision.Drop, state.Decide(0, rule, Attacker, Server, 1, Tick.At(10)));
        Assert.Equal(AlertDecision.Drop, state.Decide(0, rule, Attacker, Server, 1, Tick.At(200)));
        // 300 whole seconds after t=10 the filter is still on; more than 300 and it is off.
        Assert.Equal(AlertDecision.Drop, state.Decide(0, rule, Attacker, Server, 1, Tick.At(310.9)));
        Assert.Equal(AlertDecision.Alert, state.Decide(0, rule, Attacker, Server, 1, Tick.At(311)));
        Assert.Equal(AlertDecision.Alert, state.Decide(0, rule, Attacker, Server, 1, Tick.At(312)));
        // Other sources were never limited.
        Assert.Equal(AlertDecision.Alert, state.Decide(0, rule, IpAddr.Parse("198.51.100.1"), Server, 1, Tick.At(200)));
        Assert.Equal(2 + 1, state.Counters.RateFilterActions);
    }

    [Theory]
    [InlineData(RateFilterAction.Alert, AlertDecision.RateAlert)]
    [InlineData(RateFilterAction.Pass, AlertDecision.Pass)]
    [InlineData(RateFilterAction.Reject, AlertDecision.Reject)]
    [InlineData(RateFilterAction.Sdrop, AlertDecision.Alert)]
    [InlineData(RateFilterAction.Log, AlertDecision.Alert)]
    public void Decide_RateFilterByRule_ReturnsNewAction(RateFilterAction action, AlertDecision expected)
    {
        var state = new ThresholdState();
        var rule = new RuleThresholds(null, null, [], new RateFilterSpec(ThresholdTrack.ByRule, 1, 60, action, 30));
        Assert.Equal(AlertDecision.Alert, state.Decide(0, rule, IpAddr.Parse("198.51.100.1"), Server, 1, Tick.At(0)));
        Assert.Equal(expected, state.Decide(0, rule, IpAddr.Parse("198.51.100.2"), Server, 2, Tick.At(1)));
    }

    [Fact]
    public void Decide_DetectionFilterThenRateFilter_RateSeesOnlyMatchesThatPassed()
    {
        var state = new ThresholdState();
        var rule = new RuleThresholds(null, new DetectionFilterSpec(ThresholdTrack.BySrc, 2, 60), [],
            new RateFilterSpec(ThresholdTrack.BySrc, 1, 60, RateFilterAction.Drop, 60));
        var got = new List<AlertDecision>();
        for (var i = 0; i < 5; i++)
            got.Add(state.Decide(0, rule, Attacker, Server, 1, Tick.At(i)));
        Assert.Equal([AlertDecision.Suppress, AlertDecision.Suppress, AlertDecision.Alert, AlertDecision.Drop, AlertDecision.Drop], got);
    }
}
