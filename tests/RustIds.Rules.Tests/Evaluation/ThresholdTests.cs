using RustIds.Packets;
using RustIds.Rules.Thresholds;
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

        foreach (var (sid, count) in SuricataVerify.ExpectedAlerts(directory))
            Assert.True(run.Count(sid) == count, $"sid {sid}: expected {count}, got {run.Count(sid)}");
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

    [Theory]
    [InlineData(ThresholdType.Threshold, 3, 10, 3)]
    [InlineData(ThresholdType.Both, 3, 10, 1)]
    [InlineData(ThresholdType.Limit, 3, 10, 3)]
    [InlineData(ThresholdType.DetectionFilter, 3, 10, 7)]
    [InlineData(ThresholdType.Threshold, 1, 4, 4)]
    public void Allow_TypesOverTenMatchesInOneWindow_AlertCounts(ThresholdType type, int count, int matches, int expected)
    {
        var state = new ThresholdState();
        var spec = new ThresholdSpec(type, ThresholdTrack.ByRule, count, 60);

        var allowed = Enumerable.Range(0, matches).Count(i => state.Allow(0, spec, A, B, 0, i * TimeSpan.TicksPerSecond));

        Assert.Equal(expected, allowed);
    }

    [Fact]
    public void Allow_MillionSources_MemoryStaysBoundedAndEvictionsCounted()
    {
        var state = new ThresholdState(maxEntries: 10_000);
        var spec = new ThresholdSpec(ThresholdType.Limit, ThresholdTrack.BySource, 1, 3600);

        for (var i = 0; i < 1_000_000; i++)
        {
            Assert.True(state.Allow(0, spec, IpAddr.FromV4(0x0A000000u + (uint)i), B, 0, i));
            Assert.True(state.Count <= 10_000);
        }
        Assert.True(state.Evictions >= 990_000);
    }

    [Theory]
    [InlineData("type limit, track by_src, count 1, seconds 60", false, true)]
    [InlineData("track by_dst,count 5,seconds 10,type both", false, true)]
    [InlineData("track by_flow, count 2, seconds 3600", true, true)]
    [InlineData("type often, track by_src, count 1, seconds 60", false, false)]
    [InlineData("type limit, track by_host, count 1, seconds 60", false, false)]
    [InlineData("type limit, track by_src, count 1", false, false)]
    [InlineData("type limit, track by_src, count x, seconds 60", false, false)]
    public void TryParse_Values(string value, bool detectionFilter, bool valid)
    {
        Assert.Equal(valid, ThresholdSpec.TryParse(value, detectionFilter, out _, out _, out _));
    }

    private static byte[] Echo(IpAddr source, IpAddr destination, byte type, ushort sequence) =>
        FrameBuilder.Ethernet(FrameBuilder.Ip(source, destination, IpProtocol.Icmp,
            FrameBuilder.Icmp(source, destination, type, 0, [0, 7, (byte)(sequence >> 8), (byte)sequence, .. "abcdefgh"u8])));
}
