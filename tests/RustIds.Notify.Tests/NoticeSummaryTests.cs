using RustIds.Reputation;

namespace RustIds.Notify.Tests;

public sealed class NoticeSummaryTests
{
    [Fact]
    public void Compose_Block_FourLabelledLinesWithEveryKeyFact()
    {
        var lines = NoticeSummary.Compose(TestData.Notice()).Split('\n');

        Assert.Equal(4, lines.Length);
        Assert.Equal(["What happened:", "Why it is suspicious:", "What rustids did:", "What to do next:"], NoticeSummary.Labels);
        for (var i = 0; i < 4; i++)
            Assert.StartsWith(NoticeSummary.Labels[i] + " ", lines[i], StringComparison.Ordinal);
        Assert.Equal(
            "What happened: 203.0.113.7 (country NL) set off 2 rules (3 alerts in all): "
            + "rule \"LOCAL SQL injection attempt \"UNION SELECT\"\" (1:1000001, 2 alerts); rule \"LOCAL scanner <nikto>\" (1:1000009, 1 alert).",
            lines[0]);
        Assert.Equal(
            "Why it is suspicious: Its reputation score is 85, at or above the block threshold of 70. The reasons: "
            + "rule (+50 points): sid 1000001 \"SQL injection\" priority 1; blocklist (+30 points): listed by spamhaus-drop; geoip (+5 points): country NL weight.",
            lines[1]);
        Assert.Equal(
            "What rustids did: Blocked 203.0.113.7 in the firewall of gw1 at 2026-12-04T13:11:50Z for 1h, until 2026-12-04T14:11:50Z. "
            + "This is its first block.",
            lines[2]);
        Assert.Contains("lift the block with `rustids block remove 203.0.113.7`", lines[3], StringComparison.Ordinal);
        Assert.Contains("add 203.0.113.7 to Firewall:Allowlist", lines[3], StringComparison.Ordinal);
        Assert.Contains("`rustids ip check 203.0.113.7`", lines[3], StringComparison.Ordinal);
        Assert.Contains("it ends by itself at 2026-12-04T14:11:50Z", lines[3], StringComparison.Ordinal);
    }

    [Fact]
    public void Compose_BehaviouralDetection_GivesTheDetectorsEvidence()
    {
        var rules = new[]
        {
            new RuleHit(RustIds.Detection.Behaviour.DetectorSignature.Gid, 20, 1, "RUSTIDS brute force: 40 attempts to login ports in 60 s", 1, Severity: 1),
            new RuleHit(1, 2001, 4, "ET SCAN libssh banner", 3),
        };
        var notice = BlockNotice.FromVerdict(TestData.BlockVerdict(), rules, TestData.Decided, "gw1");

        var happened = NoticeSummary.Compose(notice).Split('\n')[0];

        Assert.Equal(
            "What happened: 203.0.113.7 (country NL) set off 1 rule and 1 behavioural detection (4 alerts in all): "
            + "the behaviour detector found brute force: 40 attempts to login ports in 60 s (9901:20, 1 alert); rule \"ET SCAN libssh banner\" (1:2001, 3 alerts).",
            happened);
    }

    [Fact]
    public void Compose_EscalatedPermanentRateLimitedPrefix_SaysRepeatOffenderAndUntilRemoved()
    {
        var notice = TestData.Notice() with
        {
            Prefix = "203.0.113.0/24",
            Country = null,
            Action = "rate-limited",
            Score = 50,
            Duration = TimeSpan.Zero,
            ExpiresAt = null,
            EscalationLevel = 2,
            UnblockCommand = "rustids block remove 203.0.113.0/24",
        };

        var lines = NoticeSummary.Compose(notice).Split('\n');

        Assert.StartsWith("What happened: The prefix 203.0.113.0/24 set off", lines[0], StringComparison.Ordinal);
        Assert.Contains("score is 50, below the block threshold of 70 but high enough for a rate limit", lines[1], StringComparison.Ordinal);
        Assert.Equal(
            "What rustids did: Rate-limited the prefix 203.0.113.0/24 in the firewall of gw1 (packets past the allowed rate are dropped) at 2026-12-04T13:11:50Z "
            + "until it is removed by hand. It is a repeat offender (escalation level 2), so the block was lengthened.",
            lines[2]);
        Assert.Contains("lift the rate limit with `rustids block remove 203.0.113.0/24`", lines[3], StringComparison.Ordinal);
        Assert.Contains("it stays until removed", lines[3], StringComparison.Ordinal);
    }

    [Fact]
    public void Compose_ManyRules_NamesFiveAndCountsTheRest()
    {
        var rules = Enumerable.Range(1, 8).Select(i => new RuleHit(1, 1000 + i, 1, $"rule {i}", 1)).ToArray();
        var notice = BlockNotice.FromVerdict(TestData.BlockVerdict(), rules, TestData.Decided, "gw1");

        var happened = NoticeSummary.Compose(notice).Split('\n')[0];

        Assert.Contains("8 rules (8 alerts in all)", happened, StringComparison.Ordinal);
        Assert.Contains("\"rule 5\"", happened, StringComparison.Ordinal);
        Assert.DoesNotContain("\"rule 6\"", happened, StringComparison.Ordinal);
        Assert.EndsWith("; and 3 more, listed below.", happened, StringComparison.Ordinal);
    }

    [Fact]
    public void Compose_Unblock_SaysWhatEndedWhyAndHowToBlockAgain()
    {
        var record = TestData.EndedPrefixBlock() with { EscalationLevel = 1 };
        var notice = BlockNotice.FromEndedBlock(record, "expired", record.ExpiresAt, "gw1");

        var lines = NoticeSummary.Compose(notice).Split('\n');

        Assert.Equal(4, lines.Length);
        Assert.Equal("What happened: The block of the prefix 2001:db8:5:6::/64 ended at 2026-12-04T12:00:00Z (expired) after 2h.", lines[0]);
        Assert.Equal(
            "Why it is suspicious: It had been blocked with a reputation score of 80. The reasons: "
            + "aggregate: 3 addresses of 2001:db8:5:6::/64 blocked; rules: 1:2001:1 ET SCAN x3.",
            lines[1]);
        Assert.Equal(
            "What rustids did: Removed the prefix 2001:db8:5:6::/64 from the firewall of gw1; its traffic is allowed again. "
            + "It was at escalation level 1 (a repeat offender).",
            lines[2]);
        Assert.StartsWith("What to do next: Nothing is needed.", lines[3], StringComparison.Ordinal);
        Assert.Contains("`rustids block add 2001:db8:5:6::/64`", lines[3], StringComparison.Ordinal);
        Assert.Contains("`rustids ip check 2001:db8:5:6::`", lines[3], StringComparison.Ordinal);
    }

    [Fact]
    public void Compose_TestMessage_SaysNothingWasBlocked()
    {
        var notice = TestData.Notice() with { Event = "test", Reasons = [new VerdictReason("test", "sent by 'rustids notify test'", 0)], Rules = [] };

        var summary = NoticeSummary.Compose(notice);

        Assert.StartsWith("What happened: This is a test message from `rustids notify test` on gw1; nothing was blocked.", summary, StringComparison.Ordinal);
        Assert.Equal(4, summary.Split('\n').Length);
    }

    [Fact]
    public void Compose_NoticeReadBackFromTheOutboxPayload_GivesTheSameText()
    {
        var notice = TestData.Notice() with { DecidedAt = TestData.Decided.AddTicks(1234), EscalationLevel = 1 };

        var back = NoticeJsonReader.Read(System.Text.Encoding.UTF8.GetString(NoticeFormatter.ToJson(notice)));

        Assert.Null(back.Summary);
        Assert.Equal(NoticeSummary.Compose(notice), NoticeSummary.Compose(back));
    }

    [Fact]
    public void Text_RewrittenSummary_IsShownWithItsModelAndTheTemplateIsKept()
    {
        var template = TestData.Notice();
        var rewritten = template with { Summary = "Someone at 203.0.113.7 tried SQL injection; it is blocked for an hour.", SummaryRewrittenBy = "llama3.1:8b" };

        Assert.Equal(NoticeSummary.Compose(template), NoticeSummary.Text(template));
        Assert.Equal("Summary", NoticeSummary.Heading(template));
        Assert.False(NoticeSummary.IsReplaced(template));
        Assert.Equal(rewritten.Summary, NoticeSummary.Text(rewritten));
        Assert.Equal("Summary (rewritten by llama3.1:8b)", NoticeSummary.Heading(rewritten));
        Assert.True(NoticeSummary.IsReplaced(rewritten));
    }
}
