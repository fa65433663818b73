using RustIds.Detection;
using RustIds.Packets;
using RustIds.Reputation.Feeds;
using RustIds.Reputation.Feeds.Refresh;
using RustIds.Reputation.GeoIp;
using RustIds.Reputation.Scoring;
using RustIds.Reputation.Storage;

namespace RustIds.Reputation.Tests.Scoring;

public sealed class ReputationScorerTests
{
    private static readonly IpAddr Offender = IpAddr.Parse("203.0.113.9");

    private static readonly DateTimeOffset Now = new(2026, 12, 4, 12, 0, 0, TimeSpan.Zero);

    private static readonly LoadedFeed[] Lists =
    [
        Feed("spamhaus-drop", "203.0.113.0/24\n"),
        Feed("et-compromised", "203.0.113.9\n"),
        Feed("tor-exit", "203.0.113.9\n"),
        Feed("dshield", "203.0.113.0/28\n"),
        Feed("unrelated", "198.51.100.0/24\n"),
    ];

    private static LoadedFeed Feed(string name, string text, FeedWeight? weight = null, FeedFormat format = FeedFormat.Plain)
    {
        var definition = new FeedDefinition
        {
            Name = name,
            Location = FeedLocation.File("/nonexistent/" + name),
            Parse = new FeedParseOptions { Format = format },
            Weight = weight ?? FeedWeight.Default,
        };
        return new LoadedFeed(definition, FeedParser.Parse(name, name + ".txt", text, definition.Parse), Now);
    }

    private static AddressHistory History(int blocks, params TimeSpan[] ages) => new()
    {
        Address = Offender,
        AlertCount = 7,
        PriorBlockCount = blocks,
        BlockTimes = ages.Length > 0 ? ages.Select(a => Now - a).ToArray() : Enumerable.Repeat(Now, blocks).ToArray(),
    };

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
        { "1:2", 0, null, 2, VerdictAction.Block, 60, "rule: 1:1:1 \"sig 1\" priority 2 (+40)|history: 2 prior block(s), 2 within 30 d, 7 recorded alert(s); decayed weight 2 (half-life 7 d) (+20)" },
        { "1:4", 0, null, 9, VerdictAction.Alert, 40, "rule: 1:1:1 \"sig 1\" priority 4 (+10)|history: 9 prior block(s), 9 within 30 d, 7 recorded alert(s); decayed weight 9 (half-life 7 d) (+30)" },
        { "1:1", 4, "RU", 3, VerdictAction.Block, 100,
            "rule: 1:1:1 \"sig 1\" priority 1 (+60)|blocklist: listed in spamhaus-drop (+40)|blocklist: listed in et-compromised (+10)|blocklist: listed in tor-exit (+10)|blocklist: listed in dshield (extra listings capped at 20) (0)|geoip: country RU (configured weight) (+25)|history: 3 prior block(s), 3 within 30 d, 7 recorded alert(s); decayed weight 3 (half-life 7 d) (+30)" },
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
            Now = Now,
            Feeds = Lists.Take(lists).Append(Lists[^1]).ToArray(),
            GeoIp = new FakeGeoIp(country),
            History = priorBlocks == 0 ? null : History(priorBlocks),
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

        var verdict = scorer.Score(Offender, [alert], new ReputationContext { Now = Now });

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
        var verdict = scorer.Score(address, [], new ReputationContext { Now = Now, GeoIp = reader });
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

    [Theory]
    [InlineData(40, 1.0, 1, 1, 40)]
    [InlineData(40, 0.5, 1, 1, 20)]
    [InlineData(40, 1.0, 6, 1, 7)]
    [InlineData(40, 1.0, 6, 3, 20)]
    [InlineData(40, 1.0, 6, 6, 40)]
    [InlineData(40, 1.0, 6, 11, 40)]
    [InlineData(30, 0.8, 4, 2, 12)]
    public void Score_FeedWeightQualityAndHits_ScaleThePoints(int points, double quality, int fullWeightHits, int hits, int expected)
    {
        var feed = Feed("ipsum", $"203.0.113.9\t{hits}\n", new FeedWeight(points, quality, fullWeightHits), FeedFormat.Ipsum);
        var verdict = new ReputationScorer(new ScoringOptions()).Score(Offender, [], new ReputationContext { Now = Now, Feeds = [feed] });
        Assert.Equal(expected, verdict.Score);
        var reason = Assert.Single(verdict.Reasons);
        Assert.Equal("blocklist", reason.Kind);
        Assert.StartsWith("listed in ipsum", reason.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Score_StrongestListingCountsFully_WhateverTheFeedOrder()
    {
        var weak = Feed("weak", "203.0.113.9\n", new FeedWeight(10, 1, 1));
        var strong = Feed("strong", "203.0.113.0/24\n", new FeedWeight(50, 1, 1));
        var verdict = new ReputationScorer(new ScoringOptions()).Score(Offender, [], new ReputationContext { Now = Now, Feeds = [weak, strong] });
        Assert.Equal("blocklist: listed in strong (+50)|blocklist: listed in weak (+10)", string.Join("|", verdict.Reasons));
        Assert.Equal(60, verdict.Score);
    }

    [Fact]
    public void Score_HistoryDecaysByHalfLife_AndOnlyRecentBlocksEscalate()
    {
        var scorer = new ReputationScorer(new ScoringOptions());
        // One block 7 days ago (half weight), one 14 days ago (quarter), one 60 days ago (outside the 30-day window).
        var history = History(3, TimeSpan.FromDays(7), TimeSpan.FromDays(14), TimeSpan.FromDays(60));
        var verdict = scorer.Score(Offender, [MakeAlert(1, 1)], new ReputationContext { Now = Now, History = history });
        var reason = verdict.Reasons.Single(r => r.Kind == "history");
        Assert.Equal(8, reason.Points); // 10 × (0.5 + 0.25 + 0.0026) = 7.5 → 8
        Assert.Contains("2 within 30 d", reason.Detail, StringComparison.Ordinal);
        Assert.Equal(2, verdict.EscalationLevel);
        Assert.Equal(TimeSpan.FromHours(4), verdict.Duration);
    }

    [Fact]
    public void BlockDuration_Ladder_UsesStepPerLevel_LastStepBeyond()
    {
        var scorer = new ReputationScorer(new ScoringOptions
        {
            BlockDurationLadder = [TimeSpan.FromMinutes(15), TimeSpan.FromHours(6), TimeSpan.FromDays(2)],
        });
        Assert.Equal(TimeSpan.FromMinutes(15), scorer.BlockDuration(0));
        Assert.Equal(TimeSpan.FromHours(6), scorer.BlockDuration(1));
        Assert.Equal(TimeSpan.FromDays(2), scorer.BlockDuration(2));
        Assert.Equal(TimeSpan.FromDays(2), scorer.BlockDuration(9));
    }

    [Fact]
    public void Constructor_LadderShorterStep_Refused()
    {
        var options = new ScoringOptions { BlockDurationLadder = [TimeSpan.FromHours(6), TimeSpan.FromHours(1)] };
        var ex = Assert.Throws<ArgumentException>(() => new ReputationScorer(options));
        Assert.Contains("BlockDurationLadder step 1", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("RU", null, 3, VerdictAction.Block, "country RU is on DenyCountries")]
    [InlineData("DE", 64500u, 3, VerdictAction.Block, "AS64500 is on DenyAsns")]
    [InlineData("JP", null, 1, VerdictAction.Alert, "country JP is on AllowCountries")]
    [InlineData("DE", 64501u, 1, VerdictAction.Alert, "AS64501 is on AllowAsns")]
    [InlineData("DE", 64502u, 2, VerdictAction.Alert, "AS64502 (configured weight)")]
    public void Score_CountryAndAsnLists_OverrideTheScore(string country, uint? asn, int severity, VerdictAction expected, string reasonText)
    {
        var scorer = new ReputationScorer(new ScoringOptions
        {
            DenyCountries = new HashSet<string> { "RU" },
            AllowCountries = new HashSet<string> { "JP" },
            DenyAsns = new HashSet<uint> { 64500 },
            AllowAsns = new HashSet<uint> { 64501 },
            AsnWeights = new Dictionary<uint, int> { [64502] = -15 },
        });
        var geo = new FakeGeoIp(country, asn);
        var verdict = scorer.Score(Offender, [MakeAlert(1, severity)], new ReputationContext { Now = Now, GeoIp = geo, Asn = geo });
        Assert.Equal(expected, verdict.Action);
        Assert.Contains(verdict.Reasons, r => r.Detail.Contains(reasonText, StringComparison.Ordinal));
    }

    [Fact]
    public void Score_DenyCountryWithoutAlert_DoesNotBlock()
    {
        var scorer = new ReputationScorer(new ScoringOptions { DenyCountries = new HashSet<string> { "RU" } });
        var verdict = scorer.Score(Offender, [], new ReputationContext { Now = Now, GeoIp = new FakeGeoIp("RU") });
        Assert.Equal(VerdictAction.Allow, verdict.Action);
    }

    [Fact]
    public void Score_Allowlisted_NeverBlocks_EvenForADropRule()
    {
        var scorer = new ReputationScorer(new ScoringOptions());
        var alert = MakeAlert(5, 1) with { ForcesBlock = true };
        var verdict = scorer.Score(Offender, [alert], new ReputationContext { Now = Now, Feeds = Lists, Allowlisted = "configured 203.0.113.0/24" });
        Assert.Equal(VerdictAction.Alert, verdict.Action);
        Assert.Equal(100, verdict.Score);
        Assert.Equal("allowlist: protected (configured 203.0.113.0/24): never blocked (0)", verdict.Reasons[^1].ToString());
    }

    [Fact]
    public void Score_CorruptGeoIpDatabase_ScoresWithoutItAndSaysSo()
    {
        using var reader = MaxMindDbReader.Open(TestData.GeoIp("MaxMind-DB-test-broken-pointers-24.mmdb"));
        var scorer = new ReputationScorer(new ScoringOptions());
        var addresses = Enumerable.Range(0, 256).Select(h => IpAddr.FromV4(0x01010100u | (uint)h));
        var failed = 0;
        foreach (var address in addresses)
        {
            var verdict = scorer.Score(address, [MakeAlert(1, 1)], new ReputationContext { Now = Now, GeoIp = reader, Asn = reader });
            Assert.Equal(VerdictAction.Block, verdict.Action);
            if (verdict.Reasons.Any(r => r.Detail.StartsWith("country lookup failed: ", StringComparison.Ordinal)))
                failed++;
        }
        Assert.True(failed > 0, "no lookup hit the corruption");
    }
}
