using RustIds.Detection;
using RustIds.Packets;
using RustIds.Reputation.Feeds;
using RustIds.Reputation.GeoIp;
using RustIds.Reputation.Scoring;
using RustIds.Reputation.Storage;

namespace RustIds.Reputation.Tests.Scoring;

public sealed class ReputationScorerTests
{
    private static readonly IpAddr Offender = IpAddr.Parse("203.0.113.9");

    private static readonly Blocklist[] Lists =
    [
        PlainListParser.Parse("spamhaus-drop", "drop.txt", "203.0.113.0/24\n"),
        PlainListParser.Parse("et-compromised", "c.txt", "203.0.113.9\n"),
        PlainListParser.Parse("tor-exit", "t.txt", "203.0.113.9\n"),
        PlainListParser.Parse("dshield", "d.txt", "203.0.113.0/28\n"),
        PlainListParser.Parse("unrelated", "u.txt", "198.51.100.0/24\n"),
    ];

    private static Alert MakeAlert(long sid, int severity) => new()
    {
        Timestamp = DateTimeOffset.UnixEpoch,
        Source = Offender,
        Destination = IpAddr.Parse("192.168.1.1"),
        Protocol = IpProtocol.Tcp,
        Sid = sid,
        Signature = $"sig {sid}",
        Severity = severity,
    };

    /// <summary>alerts: "sid:severity,..."; lists: how many of <see cref="Lists"/> (in order) to pass; country; prior blocks.</summary>
    public static TheoryData<string, int, string?, int, VerdictAction, int, string> Cases => new()
    {
        { "", 0, null, 0, VerdictAction.Allow, 0, "" },
        { "1:4", 0, null, 0, VerdictAction.Allow, 10, "rule: 1:1:1 \"sig 1\" priority 4 (+10)" },
        { "1:3", 0, null, 0, VerdictAction.Alert, 20, "rule: 1:1:1 \"sig 1\" priority 3 (+20)" },
        { "1:2", 0, null, 0, VerdictAction.Alert, 40, "rule: 1:1:1 \"sig 1\" priority 2 (+40)" },
        { "1:1", 0, null, 0, VerdictAction.Block, 60, "rule: 1:1:1 \"sig 1\" priority 1 (+60)" },
        { "1:3,2:1,2:1,3:4", 0, null, 0, VerdictAction.Block, 70,
            "rule: 1:2:1 \"sig 2\" priority 1 (+60)|rule: 2 more distinct sid(s): 1:1, 1:3 (+10)" },
        { "1:4,2:4,3:4,4:4,5:4,6:4,7:4", 0, null, 0, VerdictAction.Alert, 30,
            "rule: 1:1:1 \"sig 1\" priority 4 (+10)|rule: 6 more distinct sid(s): 1:2, 1:3, 1:4, 1:5, 1:6, ... (+20)" },
        { "", 1, null, 0, VerdictAction.Alert, 40, "blocklist: listed in spamhaus-drop (+40)" },
        { "", 5, null, 0, VerdictAction.Block, 60,
            "blocklist: listed in spamhaus-drop (+40)|blocklist: listed in et-compromised (+10)|blocklist: listed in tor-exit (+10)|blocklist: listed in dshield (extra listings capped at 20) (0)" },
        { "1:2", 1, null, 0, VerdictAction.Block, 80, "rule: 1:1:1 \"sig 1\" priority 2 (+40)|blocklist: listed in spamhaus-drop (+40)" },
        { "1:3", 0, "RU", 0, VerdictAction.Alert, 45, "rule: 1:1:1 \"sig 1\" priority 3 (+20)|geoip: country RU (configured weight) (+25)" },
        { "1:2", 0, "jp", 0, VerdictAction.Alert, 30, "rule: 1:1:1 \"sig 1\" priority 2 (+40)|geoip: country JP (configured weight) (-10)" },
        { "1:3", 0, "DE", 0, VerdictAction.Alert, 20, "rule: 1:1:1 \"sig 1\" priority 3 (+20)|geoip: country DE (no weight configured) (0)" },
        { "1:2", 0, null, 2, VerdictAction.Block, 60, "rule: 1:1:1 \"sig 1\" priority 2 (+40)|history: 2 prior block(s), 7 recorded alert(s) (+20)" },
        { "1:4", 0, null, 9, VerdictAction.Alert, 40, "rule: 1:1:1 \"sig 1\" priority 4 (+10)|history: 9 prior block(s), 7 recorded alert(s) (+30)" },
        { "1:1", 4, "RU", 3, VerdictAction.Block, 100,
            "rule: 1:1:1 \"sig 1\" priority 1 (+60)|blocklist: listed in spamhaus-drop (+40)|blocklist: listed in et-compromised (+10)|blocklist: listed in tor-exit (+10)|blocklist: listed in dshield (extra listings capped at 20) (0)|geoip: country RU (configured weight) (+25)|history: 3 prior block(s), 7 recorded alert(s) (+30)" },
        { "", 0, "NL", 0, VerdictAction.Allow, 0, "geoip: country NL (configured weight) (-50)" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Score_Table(string alerts, int lists, string? country, int priorBlocks, VerdictAction action, int score, string reasons)
    {
        var options = new ScoringOptions
        {
            CountryWeights = new Dictionary<string, int> { ["RU"] = 25, ["jp"] = -10, ["NL"] = -50 },
        };
        var scorer = new ReputationScorer(options);
        var alertList = alerts.Length == 0 ? [] : alerts.Split(',').Select(a => a.Split(':')).Select(p => MakeAlert(long.Parse(p[0]), int.Parse(p[1]))).ToList();
        var context = new ReputationContext
        {
            Blocklists = Lists.Take(lists).Append(Lists[^1]).ToArray(),
            GeoIp = new FakeGeoIp(country),
            History = priorBlocks == 0 ? null : new AddressHistory { Address = Offender, AlertCount = 7, PriorBlockCount = priorBlocks },
        };

        var verdict = scorer.Score(Offender, alertList, context);

        Assert.Equal(action, verdict.Action);
        Assert.Equal(score, verdict.Score);
        Assert.Equal(60, verdict.BlockThreshold);
        Assert.Equal(reasons, string.Join("|", verdict.Reasons));
        Assert.Equal(country?.ToUpperInvariant(), verdict.Country);
        Assert.Equal(action == VerdictAction.Block ? scorer.BlockDuration(priorBlocks) : TimeSpan.Zero, verdict.Duration);
        var explanation = verdict.Explain();
        Assert.StartsWith($"203.0.113.9: {action} (score {score}/60)", explanation, StringComparison.Ordinal);
        foreach (var reason in verdict.Reasons)
            Assert.Contains("  " + reason, explanation, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 2)]
    [InlineData(2, 4)]
    [InlineData(7, 128)]
    [InlineData(8, 168)]
    [InlineData(1000, 168)]
    [InlineData(int.MaxValue, 168)]
    public void BlockDuration_DoublesPerPriorBlock_CappedAtSevenDays(int priorBlocks, int hours) =>
        Assert.Equal(TimeSpan.FromHours(hours), new ReputationScorer(new ScoringOptions()).BlockDuration(priorBlocks));

    [Fact]
    public void Score_DropRuleAlertBelowThreshold_BlocksAndSaysWhy()
    {
        var scorer = new ReputationScorer(new ScoringOptions());
        var alert = MakeAlert(2019401, severity: 4) with { ForcesBlock = true };

        var verdict = scorer.Score(Offender, [alert], new ReputationContext());

        Assert.Equal(VerdictAction.Block, verdict.Action);
        Assert.True(verdict.Score < new ScoringOptions().BlockThreshold);
        Assert.Contains(verdict.Reasons, r => r.Detail.Contains("1:2019401:1 has action drop", StringComparison.Ordinal));
    }

    [Fact]
    public void Score_WithRealGeoIpReader_UsesCountry()
    {
        using var reader = MaxMindDbReader.Open(TestData.GeoIp("GeoIP2-Country-Test.mmdb"));
        var scorer = new ReputationScorer(new ScoringOptions { CountryWeights = new Dictionary<string, int> { ["JP"] = 15 } });
        var address = IpAddr.Parse("2001:218::1");
        var verdict = scorer.Score(address, [], new ReputationContext { GeoIp = reader });
        Assert.Equal("JP", verdict.Country);
        Assert.Equal(15, verdict.Score);
        Assert.Equal(VerdictAction.Allow, verdict.Action);
    }

    [Fact]
    public void Constructor_InvalidOptions_ListsEveryProblem()
    {
        var options = new ScoringOptions
        {
            BlockThreshold = 0,
            BaseBlockDuration = TimeSpan.Zero,
            CountryWeights = new Dictionary<string, int> { ["Russia"] = 5 },
        };
        var ex = Assert.Throws<ArgumentException>(() => new ReputationScorer(options));
        Assert.Contains("BlockThreshold", ex.Message, StringComparison.Ordinal);
        Assert.Contains("BaseBlockDuration", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Russia", ex.Message, StringComparison.Ordinal);
    }
}
