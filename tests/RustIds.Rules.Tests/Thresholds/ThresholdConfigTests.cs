using RustIds.Packets;
using RustIds.Rules.Thresholds;

namespace RustIds.Rules.Tests.Thresholds;

public sealed class ThresholdConfigTests
{
    private static string? Vars(string name) => name switch
    {
        "HOME_NET" => "[192.168.0.0/16,10.0.0.0/8]",
        "DNS_SERVERS" => "[10.0.0.53,!10.0.0.0/8]",
        "LOOP" => "$LOOP",
        _ => null,
    };

    private static ThresholdConfig Parse(string text, out List<ThresholdConfigError> errors)
    {
        errors = [];
        return ThresholdConfig.Parse(text, "threshold.config", Vars, errors);
    }

    [Fact]
    public void Parse_SuricataExampleFile_ReadsEveryStatement()
    {
        const string text =
            "# Limit to 10 alerts every 10 seconds for each source host\r\n" +
            "threshold gen_id 0, sig_id 0, type threshold, track by_src, count 10, seconds 10\r\n" +
            "\r\n" +
            "event_filter gen_id 1, sig_id 2404000, type limit, track by_dst, count 1, seconds 10\r\n" +
            "   # indented comment\r\n" +
            "suppress gen_id 1, sig_id 2002087, track by_src, ip 209.132.180.67\r\n" +
            "suppress gen_id 1, sig_id 2003614, track by_src, ip [192.168.0.0/16,10.0.0.0/8,172.16.0.0/12]\r\n" +
            "suppress gen_id 1, sig_id 2003614, track by_either, ip $HOME_NET\r\n" +
            "suppress gen_id 1, sig_id 2000328, track by_src, ip fe80::/10\r\n" +
            "suppress gen_id 1, sig_id 2002087\r\n" +
            "rate_filter gen_id 1, sig_id 888, track by_src, count 10, seconds 60, \\\r\n" +
            "    new_action drop, timeout 300\r\n";
        var config = Parse(text, out var errors);
        Assert.Empty(errors);
        Assert.Equal(8, config.Directives.Count);
        var rate = config.Directives[^1];
        Assert.Equal(ThresholdDirectiveKind.RateFilter, rate.Kind);
        Assert.Equal(11, rate.Line);
        Assert.Equal(new RateFilterSpec(ThresholdTrack.BySrc, 10, 60, RateFilterAction.Drop, 300), rate.RateFilter);
        Assert.Equal(new ThresholdSpec(ThresholdType.Limit, ThresholdTrack.ByDst, 1, 10), config.Directives[1].Threshold);
    }

    [Theory]
    [InlineData("thresold gen_id 1, sig_id 1, type limit, track by_src, count 1, seconds 1", 1, "unknown directive 'thresold'")]
    [InlineData("threshold gen_id 1, sig_id 1, type limit, track by_src, count 1", 64, "missing 'seconds'")]
    [InlineData("threshold gen_id 0, sig_id 5, type limit, track by_src, count 1, seconds 1", 18, "gen_id > 0")]
    [InlineData("threshold gen_id 1, sig_id 1, type limit, track by_either, count 1, seconds 1", 49, "track 'by_either'")]
    [InlineData("suppress gen_id 1, sig_id 1, track by_src", 30, "'track' needs 'ip'")]
    [InlineData("suppress gen_id 1, sig_id 1, track by_rule, ip 1.2.3.4", 36, "not allowed in suppress")]
    [InlineData("suppress gen_id 1, sig_id 1, track by_src, ip 1.2.3.400", 47, "not an IP address")]
    [InlineData("suppress gen_id 1, sig_id 1, track by_src, ip [1.2.3.4,5.6.7.8", 63, "missing ']'")]
    [InlineData("suppress gen_id 1, sig_id 1, track by_src, ip 10.0.0.0/33", 47, "prefix length")]
    [InlineData("suppress gen_id 1, sig_id 1, track by_src, ip !1.2.3.4", 47, "negation")]
    [InlineData("suppress gen_id 1, sig_id 1, track by_src, ip $NOPE", 47, "unknown variable '$NOPE'")]
    [InlineData("suppress gen_id 1, sig_id 1, track by_src, ip $LOOP", 47, "nests too deep")]
    [InlineData("rate_filter gen_id 1, sig_id 1, track by_src, count 1, seconds 1, new_action block, timeout 5", 78, "unknown new_action")]
    [InlineData("rate_filter gen_id 1, sig_id 1, track by_flow, count 1, seconds 1, new_action drop, timeout 5", 39, "track 'by_flow'")]
    [InlineData("threshold gen_id 1, sig_id 1, type limit, track by_src, count 1, seconds 1 # note", 74, "decimal number")]
    [InlineData("threshold gen_id 1, sig_id 1, type limit, track by_src, count 1, seconds 1, ip 1.2.3.4", 77, "unknown option 'ip'")]
    [InlineData("suppress gen_id 1, sig_id 99999999999", 27, "out of range")]
    public void Parse_BadStatement_ReportsLineColumnAndSkipsIt(string bad, int column, string message)
    {
        var text = "suppress gen_id 1, sig_id 10\n" + bad + "\nsuppress gen_id 1, sig_id 11\n";
        var config = Parse(text, out var errors);
        var error = Assert.Single(errors);
        Assert.Equal("threshold.config", error.File);
        Assert.Equal(2, error.Line);
        Assert.Equal(column, error.Column);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Equal([10L, 11L], config.Directives.Select(d => d.SigId));
    }

    [Fact]
    public void Parse_ErrorOnContinuationLine_PointsAtPhysicalLine()
    {
        const string text = "rate_filter gen_id 1, sig_id 888, track by_src, \\\r\n  count 10, seconds sixty, \\\n  new_action drop, timeout 300\n";
        Parse(text, out var errors);
        var error = Assert.Single(errors);
        Assert.Equal((2, 21), (error.Line, error.Column));
        Assert.Equal("threshold.config:2:21: seconds must be a decimal number (found 'sixty')", error.ToString());
    }

    [Fact]
    public void For_SpecificThreshold_OverridesRuleThreshold()
    {
        var config = Parse("threshold gen_id 1, sig_id 2002087, type both, track by_src, count 3, seconds 5\n", out _);
        var rule = new ThresholdSpec(ThresholdType.Threshold, ThresholdTrack.BySrc, 10, 60);
        var merged = config.For(1, 2002087, rule, null);
        Assert.Equal(new ThresholdSpec(ThresholdType.Both, ThresholdTrack.BySrc, 3, 5), merged.Threshold);
        // Another sid keeps its own.
        Assert.Same(rule, config.For(1, 2002088, rule, null).Threshold);
    }

    [Fact]
    public void For_SpecificThreshold_ReplacesRuleDetectionFilter()
    {
        var config = Parse("threshold gen_id 1, sig_id 5, type limit, track by_src, count 1, seconds 15\n", out _);
        var merged = config.For(1, 5, null, new DetectionFilterSpec(ThresholdTrack.BySrc, 5, 60));
        Assert.Null(merged.DetectionFilter);
        Assert.Equal(ThresholdType.Limit, merged.Threshold!.Type);
    }

    [Fact]
    public void For_LastSpecificThresholdWins()
    {
        var config = Parse(
            "threshold gen_id 1, sig_id 5, type limit, track by_src, count 1, seconds 15\n" +
            "threshold gen_id 1, sig_id 5, type both, track by_dst, count 2, seconds 30\n", out _);
        Assert.Equal(new ThresholdSpec(ThresholdType.Both, ThresholdTrack.ByDst, 2, 30), config.For(1, 5, null, null).Threshold);
    }

    [Fact]
    public void For_WildcardThreshold_AppliesOnlyToRulesWithoutTheirOwn()
    {
        var config = Parse(
            "threshold gen_id 0, sig_id 0, type limit, track by_src, count 1, seconds 60\n" +
            "threshold gen_id 3, sig_id 0, type both, track by_dst, count 5, seconds 60\n", out _);
        var own = new ThresholdSpec(ThresholdType.Threshold, ThresholdTrack.BySrc, 10, 60);
        Assert.Same(own, config.For(1, 100, own, null).Threshold);
        Assert.Null(config.For(1, 100, null, new DetectionFilterSpec(ThresholdTrack.BySrc, 2, 60)).Threshold);
        Assert.Equal(ThresholdType.Limit, config.For(1, 100, null, null).Threshold!.Type);
        // gid 3 rules: the global line comes first in the file and wins; the gid line is skipped like a second wildcard.
        Assert.Equal(ThresholdType.Limit, config.For(3, 100, null, null).Threshold!.Type);
    }

    [Fact]
    public void For_GeneratorWildcard_MatchesOnlyThatGenerator()
    {
        var config = Parse("suppress gen_id 3, sig_id 0, track by_src, ip 10.0.0.0/8\n", out _);
        Assert.Single(config.For(3, 77, null, null).Suppress);
        Assert.Same(RuleThresholds.None, config.For(1, 77, null, null));
    }

    [Fact]
    public void For_SuppressLines_AllApplyInFileOrder()
    {
        var config = Parse(
            "suppress gen_id 0, sig_id 0, track by_src, ip 1.1.1.1\n" +
            "suppress gen_id 1, sig_id 0, track by_dst, ip 2.2.2.2\n" +
            "suppress gen_id 1, sig_id 9, track by_either, ip 3.3.3.3\n" +
            "suppress gen_id 1, sig_id 9\n", out _);
        var merged = config.For(1, 9, null, null);
        Assert.Equal([SuppressTrack.BySrc, SuppressTrack.ByDst, SuppressTrack.ByEither, SuppressTrack.Rule], merged.Suppress.Select(s => s.Track));
    }

    [Fact]
    public void For_SpecificRateFilterOnRuleWithThreshold_IgnoredWithWarning()
    {
        var config = Parse("rate_filter gen_id 1, sig_id 888, track by_src, count 10, seconds 60, new_action drop, timeout 300\n", out _);
        var warnings = new List<ThresholdConfigError>();
        var own = new ThresholdSpec(ThresholdType.Limit, ThresholdTrack.BySrc, 1, 60);
        var merged = config.For(1, 888, own, null, warnings);
        Assert.Null(merged.RateFilter);
        Assert.Same(own, merged.Threshold);
        Assert.Equal(1, Assert.Single(warnings).Line);
        Assert.NotNull(config.For(1, 888, null, null).RateFilter);
    }

    [Fact]
    public void For_SpecificThresholdAfterRateFilter_ReplacesIt()
    {
        var config = Parse(
            "rate_filter gen_id 1, sig_id 888, track by_rule, count 100, seconds 60, new_action alert, timeout 30\n" +
            "threshold gen_id 1, sig_id 888, type limit, track by_src, count 1, seconds 60\n", out _);
        var merged = config.For(1, 888, null, null);
        Assert.Null(merged.RateFilter);
        Assert.NotNull(merged.Threshold);
    }

    [Fact]
    public void For_ConfigMergedIntoState_SuppressesListedSourceOnly()
    {
        var config = Parse("suppress gen_id 1, sig_id 2003614, track by_src, ip $HOME_NET\n", out var errors);
        Assert.Empty(errors);
        var rule = config.For(1, 2003614, null, null);
        var state = new ThresholdState();
        Assert.Equal(AlertDecision.SilentMatch, state.Decide(0, rule, IpAddr.Parse("192.168.4.4"), IpAddr.Parse("8.8.8.8"), 1, Tick.At(0)));
        Assert.Equal(AlertDecision.Alert, state.Decide(0, rule, IpAddr.Parse("8.8.8.8"), IpAddr.Parse("192.168.4.4"), 1, Tick.At(0)));
    }

    [Fact]
    public void Parse_EmptyAndCommentOnly_NoDirectivesNoErrors()
    {
        var config = Parse("\n# only comments\r\n\r\n   \n", out var errors);
        Assert.Empty(errors);
        Assert.Empty(config.Directives);
        Assert.Same(RuleThresholds.None, config.For(1, 1, null, null));
    }
}
