using RustIds.Packets;
using RustIds.Rules.Thresholds;

namespace RustIds.Rules.Tests.Thresholds;

public sealed class ThresholdStateTests
{
    private static readonly IpAddr Attacker = IpAddr.Parse("203.0.113.7");
    private static readonly IpAddr Other = IpAddr.Parse("198.51.100.9");
    private static readonly IpAddr Server = IpAddr.Parse("192.0.2.25");
    private static readonly IpAddr Server2 = IpAddr.Parse("192.0.2.26");

    private static RuleThresholds WithThreshold(ThresholdType type, ThresholdTrack track, int count, int seconds) =>
        new(new ThresholdSpec(type, track, count, seconds), null, [], null);

    private static RuleThresholds WithFilter(ThresholdTrack track, int count, int seconds) =>
        new(null, new DetectionFilterSpec(track, count, seconds), [], null);

    /// <summary>Runs <paramref name="matches"/> matches one second apart in one flow and counts alerts.</summary>
    private static int Alerts(RuleThresholds thresholds, int matches, double spacingSeconds = 1)
    {
        var state = new ThresholdState();
        var alerts = 0;
        for (var i = 0; i < matches; i++)
        {
            if (state.Decide(0, thresholds, Attacker, Server, 42, Tick.At(i * spacingSeconds)) == AlertDecision.Alert)
                alerts++;
        }
        return alerts;
    }

    [Fact]
    public void Decide_SuricataVerifyLimitByFlowCount2_EightMatchesGiveTwoAlerts() =>
        Assert.Equal(2, Alerts(WithThreshold(ThresholdType.Limit, ThresholdTrack.ByFlow, 2, 60), 8));

    [Fact]
    public void Decide_SuricataVerifyBothCount3_EightMatchesGiveOneAlert() =>
        Assert.Equal(1, Alerts(WithThreshold(ThresholdType.Both, ThresholdTrack.ByFlow, 3, 60), 8));

    [Fact]
    public void Decide_SuricataVerifyLimitCount1_EightMatchesGiveOneAlert() =>
        Assert.Equal(1, Alerts(WithThreshold(ThresholdType.Limit, ThresholdTrack.ByFlow, 1, 60), 8));

    [Theory]
    [InlineData(1, 7)]
    [InlineData(2, 6)]
    [InlineData(4, 4)]
    [InlineData(7, 1)]
    [InlineData(8, 0)]
    public void Decide_SuricataVerifyDetectionFilterByFlow_AlertsOnceMatchesExceedCount(int count, int expectedAlerts) =>
        Assert.Equal(expectedAlerts, Alerts(WithFilter(ThresholdTrack.ByFlow, count, 3600), 8));

    [Fact]
    public void Decide_Limit_FirstNPerWindowThenSilentMatchesThenNewWindow()
    {
        var state = new ThresholdState();
        var rule = WithThreshold(ThresholdType.Limit, ThresholdTrack.BySrc, 3, 60);
        var got = new List<AlertDecision>();
        for (var i = 0; i < 5; i++)
            got.Add(state.Decide(0, rule, Attacker, Server, 1, Tick.At(i)));
        // The window opened at t=0 ends at exactly t=60: that match starts a new window and alerts again.
        got.Add(state.Decide(0, rule, Attacker, Server, 1, Tick.At(59.9999999)));
        got.Add(state.Decide(0, rule, Attacker, Server, 1, Tick.At(60)));
        Assert.Equal(
            [AlertDecision.Alert, AlertDecision.Alert, AlertDecision.Alert, AlertDecision.SilentMatch, AlertDecision.SilentMatch,
             AlertDecision.SilentMatch, AlertDecision.Alert],
            got);
    }

    [Fact]
    public void Decide_ThresholdType_EveryNthMatchAlertsOthersSuppressed()
    {
        var state = new ThresholdState();
        var rule = WithThreshold(ThresholdType.Threshold, ThresholdTrack.BySrc, 3, 60);
        var alertsAt = new List<int>();
        for (var i = 1; i <= 10; i++)
        {
            var decision = state.Decide(0, rule, Attacker, Server, 1, Tick.At(i));
            if (decision == AlertDecision.Alert)
                alertsAt.Add(i);
            else
                Assert.Equal(AlertDecision.Suppress, decision);
        }
        Assert.Equal([3, 6, 9], alertsAt);
    }

    [Fact]
    public void Decide_ThresholdTypeWindowExpires_CountRestarts()
    {
        var state = new ThresholdState();
        var rule = WithThreshold(ThresholdType.Threshold, ThresholdTrack.BySrc, 2, 10);
        Assert.Equal(AlertDecision.Suppress, state.Decide(0, rule, Attacker, Server, 1, Tick.At(0)));
        // 10 s later the window is over: this match is the first of a new window, not the second.
        Assert.Equal(AlertDecision.Suppress, state.Decide(0, rule, Attacker, Server, 1, Tick.At(10)));
        Assert.Equal(AlertDecision.Alert, state.Decide(0, rule, Attacker, Server, 1, Tick.At(19)));
    }

    [Fact]
    public void Decide_ThresholdTypeCount1_AlwaysAlertsWithoutState()
    {
        var state = new ThresholdState();
        var rule = WithThreshold(ThresholdType.Threshold, ThresholdTrack.BySrc, 1, 60);
        for (var i = 0; i < 5; i++)
            Assert.Equal(AlertDecision.Alert, state.Decide(0, rule, Attacker, Server, 1, Tick.At(i)));
        Assert.Equal(0, state.EntryCount);
    }

    [Fact]
    public void Decide_Both_OnceAtCountThenSilentUntilNextWindow()
    {
        var state = new ThresholdState();
        var rule = WithThreshold(ThresholdType.Both, ThresholdTrack.BySrc, 3, 60);
        var got = new List<AlertDecision>();
        for (var i = 0; i < 5; i++)
            got.Add(state.Decide(0, rule, Attacker, Server, 1, Tick.At(i)));
        got.Add(state.Decide(0, rule, Attacker, Server, 1, Tick.At(60)));
        Assert.Equal(
            [AlertDecision.Suppress, AlertDecision.Suppress, AlertDecision.Alert, AlertDecision.SilentMatch, AlertDecision.SilentMatch,
             AlertDecision.Suppress],
            got);
    }

    [Fact]
    public void Decide_DetectionFilterWindowRollsOver_CountStartsAgain()
    {
        var state = new ThresholdState();
        var rule = WithFilter(ThresholdTrack.BySrc, 2, 60);
        Assert.Equal(AlertDecision.Suppress, state.Decide(0, rule, Attacker, Server, 1, Tick.At(0)));
        Assert.Equal(AlertDecision.Suppress, state.Decide(0, rule, Attacker, Server, 1, Tick.At(1)));
        Assert.Equal(AlertDecision.Alert, state.Decide(0, rule, Attacker, Server, 1, Tick.At(2)));
        Assert.Equal(AlertDecision.Alert, state.Decide(0, rule, Attacker, Server, 1, Tick.At(3)));
        Assert.Equal(AlertDecision.Suppress, state.Decide(0, rule, Attacker, Server, 1, Tick.At(60)));
    }

    [Theory]
    // Second packet differs from the first as named; "shares" says whether it hits the first one's counter.
    [InlineData(ThresholdTrack.BySrc, "other-destination", true)]
    [InlineData(ThresholdTrack.BySrc, "other-source", false)]
    [InlineData(ThresholdTrack.ByDst, "other-source", true)]
    [InlineData(ThresholdTrack.ByDst, "other-destination", false)]
    [InlineData(ThresholdTrack.ByBoth, "reversed", true)]
    [InlineData(ThresholdTrack.ByBoth, "other-destination", false)]
    [InlineData(ThresholdTrack.ByRule, "other-source", true)]
    [InlineData(ThresholdTrack.ByRule, "other-flow", true)]
    [InlineData(ThresholdTrack.ByFlow, "other-source", true)]
    [InlineData(ThresholdTrack.ByFlow, "other-flow", false)]
    public void Decide_Track_KeysCountersAsSuricata(ThresholdTrack track, string change, bool shares)
    {
        var state = new ThresholdState();
        var rule = WithThreshold(ThresholdType.Limit, track, 1, 60);
        Assert.Equal(AlertDecision.Alert, state.Decide(0, rule, Attacker, Server, 7, Tick.At(0)));
        var (source, destination, flow) = change switch
        {
            "other-destination" => (Attacker, Server2, 7UL),
            "other-source" => (Other, Server, 7UL),
            "reversed" => (Server, Attacker, 8UL),
            _ => (Attacker, Server, 8UL),
        };
        var second = state.Decide(0, rule, source, destination, flow, Tick.At(1));
        Assert.Equal(shares ? AlertDecision.SilentMatch : AlertDecision.Alert, second);
    }

    [Fact]
    public void Decide_DifferentRules_KeepSeparateCounters()
    {
        var state = new ThresholdState();
        var rule = WithThreshold(ThresholdType.Limit, ThresholdTrack.BySrc, 1, 60);
        Assert.Equal(AlertDecision.Alert, state.Decide(0, rule, Attacker, Server, 1, Tick.At(0)));
        Assert.Equal(AlertDecision.Alert, state.Decide(1, rule, Attacker, Server, 1, Tick.At(0)));
        Assert.Equal(AlertDecision.SilentMatch, state.Decide(0, rule, Attacker, Server, 1, Tick.At(1)));
    }

    [Fact]
    public void Decide_IPv4AndMappedLookingIPv6_AreDifferentKeys()
    {
        var state = new ThresholdState();
        var rule = WithThreshold(ThresholdType.Limit, ThresholdTrack.BySrc, 1, 60);
        var v4 = IpAddr.Parse("1.2.3.4");
        var v6 = IpAddr.FromV6(0, v4.Low); // ::1.2.3.4 has the same 128 bits as the stored IPv4 value
        Assert.Equal(AlertDecision.Alert, state.Decide(0, rule, v4, Server, 1, Tick.At(0)));
        Assert.Equal(AlertDecision.Alert, state.Decide(0, rule, v6, Server, 1, Tick.At(0)));
    }

    [Fact]
    public void Decide_NonIpPacket_AlertsUnfilteredAndCounts()
    {
        var state = new ThresholdState();
        var rule = WithThreshold(ThresholdType.Limit, ThresholdTrack.BySrc, 1, 60);
        Assert.Equal(AlertDecision.Alert, state.Decide(0, rule, default, default, 1, Tick.At(0)));
        Assert.Equal(AlertDecision.Alert, state.Decide(0, rule, default, default, 1, Tick.At(0)));
        Assert.Equal(2, state.Counters.NonIpMatches);
    }

    [Fact]
    public void Decide_NoThresholds_AlwaysAlerts()
    {
        var state = new ThresholdState();
        for (var i = 0; i < 3; i++)
            Assert.Equal(AlertDecision.Alert, state.Decide(0, RuleThresholds.None, Attacker, Server, 1, Tick.At(0)));
        Assert.Equal(3, state.Counters.Alerts);
        Assert.Equal(0, state.EntryCount);
    }

    [Fact]
    public void Decide_TimeGoesBackwards_TreatedAsInWindowAndCounted()
    {
        var state = new ThresholdState();
        var rule = WithThreshold(ThresholdType.Limit, ThresholdTrack.BySrc, 1, 60);
        Assert.Equal(AlertDecision.Alert, state.Decide(0, rule, Attacker, Server, 1, Tick.At(100)));
        Assert.Equal(AlertDecision.SilentMatch, state.Decide(0, rule, Attacker, Server, 1, Tick.At(50)));
        Assert.Equal(1, state.Counters.TimeWentBackwards);
    }

    [Fact]
    public void Decide_InvalidSpecBuiltByHand_SkippedAndCounted()
    {
        var state = new ThresholdState();
        var rule = WithThreshold(ThresholdType.Limit, ThresholdTrack.BySrc, 0, 0);
        Assert.Equal(AlertDecision.Alert, state.Decide(0, rule, Attacker, Server, 1, Tick.At(0)));
        Assert.Equal(1, state.Counters.InvalidSpecs);
    }

    [Fact]
    public void Constructor_InvalidOptions_ListsEveryProblem()
    {
        var ex = Assert.Throws<ArgumentException>(() => new ThresholdState(new ThresholdStateOptions { MaxEntries = 0, EvictionScanLimit = 0 }));
        Assert.Contains("MaxEntries", ex.Message, StringComparison.Ordinal);
        Assert.Contains("EvictionScanLimit", ex.Message, StringComparison.Ordinal);
    }
}
