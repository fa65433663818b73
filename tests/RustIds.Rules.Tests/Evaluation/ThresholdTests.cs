using RustIds.Packets;
using RustIds.Testing;

namespace RustIds.Rules.Tests.Evaluation;

/// <summary>threshold and detection_filter in packet time, as Suricata counts them.</summary>
public sealed class ThresholdTests
{
    private static readonly IpAddr A = IpAddr.Parse("10.0.0.1");
    private static readonly IpAddr B = IpAddr.Parse("10.0.0.2");

    [SkippableTheory]
    [InlineData("threshold__threshold-rule-flow")]
    [InlineData("threshold__detection_filter-rule-flow")]
    public void Evaluate_SuricataVerifyRuleFiles_EightEchoRequestsInOneFlow(string name)
    {
        // The cases' rules and expected counts (shared copy) over what their README describes: 8 ICMP echo
        // requests of one flow within the hour (sid 1, with no threshold, expects 8).
        var directory = Path.Combine(RepoPaths.SharedData, "conformance", "suricata-verify", name);
        Skip.IfNot(Directory.Exists(directory), $"{directory} not present");
        var rules = new RuleFileLoader().LoadFiles([Path.Combine(directory, "test.rules")]);
        Assert.Equal(0, rules.ErrorCount);
        using var run = new RuleRun(rules.Rules);

        for (var i = 0; i < 8; i++)
            run.Feed(Echo(A, B, 8, (ushort)i), 638_000_000_000_000_000L + i * TimeSpan.TicksPerSecond);
        run.Finish();

        SuricataVerify.AssertExpectedCounts(directory, run);
    }

    [Fact]
    public void Evaluate_LimitBySource_FirstNPerWindowPerSourceThenAgainAfterTheWindow()
    {
        using var run = new RuleRun("alert icmp any any -> any any (msg:\"t\"; itype:8; threshold:type limit, track by_src, count 2, seconds 60; sid:1;)");
        var start = 638_000_000_000_000_000L;

        for (var i = 0; i < 5; i++)
            run.Feed(Echo(A, B, 8, (ushort)i), start + i * TimeSpan.TicksPerSecond);
        for (var i = 0; i < 5; i++)
            run.Feed(Echo(B, A, 8, (ushort)i), start + i * TimeSpan.TicksPerSecond);
        run.Feed(Echo(A, B, 8, 9), start + 61 * TimeSpan.TicksPerSecond);
        run.Finish();

        Assert.Equal(5, run.Count(1));
    }

    [Fact]
    public void Evaluate_ThresholdConfig_SuppressBySourceAndRuleOverride()
    {
        var errors = new List<Rules.Thresholds.ThresholdConfigError>();
        var config = Rules.Thresholds.ThresholdConfig.Parse(
            "# quiet a known scanner, and alert once a minute for sid 2\n" +
            "suppress gen_id 1, sig_id 1, track by_src, ip 10.0.0.1\n" +
            "threshold gen_id 1, sig_id 2, type limit, track by_rule, count 1, seconds 60\n",
            "threshold.config", _ => null, errors);
        Assert.Empty(errors);
        using var run = new RuleRun(
            [TestRules.Parse("alert icmp any any -> any any (msg:\"echo\"; itype:8; sid:1;)"), TestRules.Parse("alert icmp any any -> any any (msg:\"any\"; sid:2;)")],
            thresholds: config);
        var start = 638_000_000_000_000_000L;

        for (var i = 0; i < 3; i++)
        {
            run.Feed(Echo(A, B, 8, (ushort)i), start + i * TimeSpan.TicksPerSecond);
            run.Feed(Echo(B, A, 8, (ushort)i), start + i * TimeSpan.TicksPerSecond);
        }
        run.Finish();

        Assert.Equal(3, run.Count(1));
        Assert.Equal(1, run.Count(2));
    }

    private static byte[] Echo(IpAddr source, IpAddr destination, byte type, ushort sequence) =>
        FrameBuilder.Ethernet(FrameBuilder.Ip(source, destination, IpProtocol.Icmp,
            FrameBuilder.Icmp(source, destination, type, 0, [0, 7, (byte)(sequence >> 8), (byte)sequence, .. "abcdefgh"u8])));
}
