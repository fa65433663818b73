using System.Text.Json;
using RustIds.Packets;

namespace RustIds.Notify.Tests;

public sealed class NoticeFormatterTests
{
    [Fact]
    public void FromVerdict_Block_ComputesExpiryAndUnblockCommand()
    {
        var notice = TestData.Notice();

        Assert.Equal(TestData.Decided.AddHours(1), notice.ExpiresAt);
        Assert.Equal("rustids block remove 203.0.113.7", notice.UnblockCommand);
        Assert.Equal("block", notice.Action);
        Assert.Equal(2, notice.Rules.Count);
        Assert.Equal(new RuleHit(1, 1000001, 3, "LOCAL SQL injection attempt \"UNION SELECT\"", 2, Severity: 1), notice.Rules[0]);
        Assert.Equal(NoticeSeverity.High, notice.Severity);
        Assert.Equal(0, notice.EscalationLevel);
    }

    [Fact]
    public void FromVerdict_EscalatedBlock_IsCriticalAndTheTextsSayRepeatOffender()
    {
        var notice = BlockNotice.FromVerdict(TestData.BlockVerdict() with { EscalationLevel = 2 }, [], TestData.Decided, "gw1");

        Assert.Equal(NoticeSeverity.Critical, notice.Severity);
        Assert.Contains("Escalation: 2 (repeat offender, block lengthened)", NoticeFormatter.PlainText(notice), StringComparison.Ordinal);
        Assert.Contains("<td>2 (repeat offender, block lengthened)</td>", NoticeFormatter.Html(notice), StringComparison.Ordinal);
        var json = JsonDocument.Parse(NoticeFormatter.ToJson(notice)).RootElement;
        Assert.Equal("critical", json.GetProperty("severity").GetString());
        Assert.Equal(2, json.GetProperty("escalation_level").GetInt32());
    }

    [Fact]
    public void ToJson_ReadBack_GivesTheSameNotice()
    {
        var notice = TestData.Notice() with { Prefix = "203.0.113.0/24", EscalationLevel = 1, Severity = NoticeSeverity.Critical };

        var back = NoticeJsonReader.Read(System.Text.Encoding.UTF8.GetString(NoticeFormatter.ToJson(notice)));

        Assert.Equal(NoticeFormatter.ToJson(notice), NoticeFormatter.ToJson(back));
        Assert.Equal(notice.Reasons, back.Reasons);
        Assert.Equal(notice.Rules, back.Rules);
        Assert.Equal(notice.ExpiresAt, back.ExpiresAt);
    }

    [Theory]
    [InlineData(1, 0, NoticeSeverity.High)]
    [InlineData(2, 0, NoticeSeverity.Medium)]
    [InlineData(3, 0, NoticeSeverity.Low)]
    [InlineData(4, 0, NoticeSeverity.Low)]
    [InlineData(0, 0, NoticeSeverity.Medium)]
    [InlineData(3, 1, NoticeSeverity.Critical)]
    public void FromAlertSeverity_WorstAlertAndEscalation_MapsToNoticeSeverity(int worst, int escalation, NoticeSeverity expected)
    {
        Assert.Equal(expected, NoticeSeverities.FromAlertSeverity(worst, escalation));
    }

    [Fact]
    public void Subject_Block_StatesHostAddressCountryScoreAndDuration()
    {
        Assert.Equal("[rustids] gw1: block 203.0.113.7 (NL), score 85/70, 1h", NoticeFormatter.Subject(TestData.Notice()));
    }

    [Fact]
    public void PlainText_Block_ContainsEveryFact()
    {
        var text = NoticeFormatter.PlainText(TestData.Notice());

        Assert.Contains("Address:    203.0.113.7", text, StringComparison.Ordinal);
        Assert.Contains("Country:    NL", text, StringComparison.Ordinal);
        Assert.Contains("Score:      85 (block threshold 70)", text, StringComparison.Ordinal);
        Assert.Contains("Duration:   1h", text, StringComparison.Ordinal);
        Assert.Contains("Expires:    2026-12-04T14:11:50Z", text, StringComparison.Ordinal);
        Assert.Contains("+50  rule: sid 1000001 \"SQL injection\" priority 1", text, StringComparison.Ordinal);
        Assert.Contains("sid 1000001 [1:1000001:3] x2  LOCAL SQL injection", text, StringComparison.Ordinal);
        Assert.Contains("sid 1000009 [1:1000009:3] x1  LOCAL scanner <nikto>", text, StringComparison.Ordinal);
        Assert.Contains("  rustids block remove 203.0.113.7\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Html_SignatureWithMarkup_IsEncoded()
    {
        var html = NoticeFormatter.Html(TestData.Notice());

        Assert.Contains("LOCAL scanner &lt;nikto&gt;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<nikto>", html, StringComparison.Ordinal);
        Assert.Contains("<pre>rustids block remove 203.0.113.7</pre>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void ToJson_Block_HasDocumentedSnakeCaseFields()
    {
        var root = JsonDocument.Parse(NoticeFormatter.ToJson(TestData.Notice())).RootElement;

        Assert.Equal("block", root.GetProperty("event").GetString());
        Assert.Equal("203.0.113.7", root.GetProperty("address").GetString());
        Assert.Equal("NL", root.GetProperty("country").GetString());
        Assert.Equal(85, root.GetProperty("score").GetInt32());
        Assert.Equal(70, root.GetProperty("block_threshold").GetInt32());
        Assert.Equal("block", root.GetProperty("action").GetString());
        Assert.Equal(3600, root.GetProperty("duration_seconds").GetInt64());
        Assert.Equal("1h", root.GetProperty("duration").GetString());
        Assert.Equal("2026-12-04T14:11:50Z", root.GetProperty("expires_at").GetString());
        Assert.Equal("2026-12-04T13:11:50Z", root.GetProperty("decided_at").GetString());
        Assert.Equal("gw1", root.GetProperty("hostname").GetString());
        Assert.Equal("rustids block remove 203.0.113.7", root.GetProperty("unblock_command").GetString());
        Assert.Equal(3, root.GetProperty("reasons").GetArrayLength());
        var rule = root.GetProperty("rules")[0];
        Assert.Equal(1, rule.GetProperty("gid").GetInt32());
        Assert.Equal(1000001, rule.GetProperty("sid").GetInt64());
        Assert.Equal(3, rule.GetProperty("rev").GetInt32());
        Assert.Equal(2, rule.GetProperty("count").GetInt32());
    }

    [Fact]
    public void ToJson_PermanentWithoutCountry_WritesNulls()
    {
        var notice = TestData.Notice() with { Duration = TimeSpan.Zero, ExpiresAt = null, Country = null, Address = IpAddr.Parse("2001:db8::7") };

        var root = JsonDocument.Parse(NoticeFormatter.ToJson(notice)).RootElement;

        Assert.Equal(JsonValueKind.Null, root.GetProperty("expires_at").ValueKind);
        Assert.Equal(JsonValueKind.Null, root.GetProperty("country").ValueKind);
        Assert.Equal(0, root.GetProperty("duration_seconds").GetInt64());
        Assert.Equal("permanent", root.GetProperty("duration").GetString());
        Assert.Equal("2001:db8::7", root.GetProperty("address").GetString());
    }

    [Fact]
    public void ToSlackJson_Block_IsTextOnlyObject()
    {
        var root = JsonDocument.Parse(NoticeFormatter.ToSlackJson(TestData.Notice())).RootElement;

        var property = Assert.Single(root.EnumerateObject());
        Assert.Equal("text", property.Name);
        Assert.Contains("rustids block remove 203.0.113.7", property.Value.GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(90, "1m 30s")]
    [InlineData(86400 + 7200, "1d 2h")]
    [InlineData(0, "permanent")]
    public void Duration_Seconds_IsCompactText(int seconds, string expected)
    {
        Assert.Equal(expected, NoticeText.Duration(TimeSpan.FromSeconds(seconds)));
    }

    [Fact]
    public void FromEndedBlock_ExpiredPrefix_SubjectJsonAndReasonsSayWhatEnded()
    {
        var record = TestData.EndedPrefixBlock();

        var notice = BlockNotice.FromEndedBlock(record, "expired", record.ExpiresAt, "gw1");

        Assert.Equal("[rustids] gw1: unblock (expired) 2001:db8:5:6::/64, was score 80, blocked for 2h", NoticeFormatter.Subject(notice));
        using var json = System.Text.Json.JsonDocument.Parse(NoticeFormatter.ToJson(notice));
        Assert.Equal("unblock", json.RootElement.GetProperty("event").GetString());
        Assert.Equal("2001:db8:5:6::/64", json.RootElement.GetProperty("prefix").GetString());
        Assert.Equal(["aggregate", "rules"], json.RootElement.GetProperty("reasons").EnumerateArray().Select(r => r.GetProperty("kind").GetString()));
        Assert.Contains("rustids block add 2001:db8:5:6::/64", NoticeFormatter.PlainText(notice), StringComparison.Ordinal);
    }
    [Fact]
    public void PlainText_TemplateSummary_ComesFirstUnderItsHeading()
    {
        var notice = TestData.Notice();

        var text = NoticeFormatter.PlainText(notice);

        Assert.StartsWith("rustids on gw1 applied 'block' to 203.0.113.7.\n\nSummary:\n" + NoticeSummary.Compose(notice) + "\n\nAddress:    203.0.113.7\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain(NoticeFormatter.TemplateHeading, text, StringComparison.Ordinal);
    }

    [Fact]
    public void PlainTextAndHtml_RewrittenSummary_MarkedWithTheModelAndTemplateKeptBelow()
    {
        var notice = TestData.Notice() with { Summary = "An attacker at 203.0.113.7 <probed> the web server.", SummaryRewrittenBy = "llama3.1:8b" };

        var text = NoticeFormatter.PlainText(notice);
        var html = NoticeFormatter.Html(notice);

        Assert.Contains("Summary (rewritten by llama3.1:8b):\nAn attacker at 203.0.113.7 <probed> the web server.\n", text, StringComparison.Ordinal);
        Assert.EndsWith("\n" + NoticeFormatter.TemplateHeading + ":\n" + NoticeSummary.Compose(notice) + "\n", text, StringComparison.Ordinal);
        Assert.Contains("<h3>Summary (rewritten by llama3.1:8b)</h3>\n<p>An attacker at 203.0.113.7 &lt;probed&gt; the web server.</p>", html, StringComparison.Ordinal);
        Assert.Contains("<h3>" + NoticeFormatter.TemplateHeading + "</h3>", html, StringComparison.Ordinal);
        Assert.Contains("<p><b>What happened:</b> 203.0.113.7 (country NL) set off 2 rules", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Html_TemplateSummary_OneParagraphPerPartWithBoldLabels()
    {
        var html = NoticeFormatter.Html(TestData.Notice());

        Assert.Contains("<h3>Summary</h3>\n<p><b>What happened:</b> ", html, StringComparison.Ordinal);
        Assert.Contains("<p><b>What to do next:</b> If 203.0.113.7 is legitimate", html, StringComparison.Ordinal);
        Assert.Contains("rule &quot;LOCAL scanner &lt;nikto&gt;&quot;", html, StringComparison.Ordinal);
        Assert.DoesNotContain(NoticeFormatter.TemplateHeading, html, StringComparison.Ordinal);
    }

    [Fact]
    public void ToJson_TemplateSummary_SummaryEqualsTemplateAndSubjectKeepsTheOneLiner()
    {
        var notice = TestData.Notice();

        var root = JsonDocument.Parse(NoticeFormatter.ToJson(notice)).RootElement;

        Assert.Equal("[rustids] gw1: block 203.0.113.7 (NL), score 85/70, 1h", root.GetProperty("subject").GetString());
        Assert.Equal(NoticeSummary.Compose(notice), root.GetProperty("summary").GetString());
        Assert.Equal(NoticeSummary.Compose(notice), root.GetProperty("summary_template").GetString());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("summary_rewritten_by").ValueKind);
    }

    [Fact]
    public void ToJson_RewrittenSummary_CarriesBothAndReadsBack()
    {
        var notice = TestData.Notice() with { Summary = "Rewritten.", SummaryRewrittenBy = "gpt-4o-mini" };

        var json = NoticeFormatter.ToJson(notice);
        var root = JsonDocument.Parse(json).RootElement;
        var back = NoticeJsonReader.Read(System.Text.Encoding.UTF8.GetString(json));

        Assert.Equal("Rewritten.", root.GetProperty("summary").GetString());
        Assert.Equal(NoticeSummary.Compose(notice), root.GetProperty("summary_template").GetString());
        Assert.Equal("gpt-4o-mini", root.GetProperty("summary_rewritten_by").GetString());
        Assert.Equal("Rewritten.", back.Summary);
        Assert.Equal("gpt-4o-mini", back.SummaryRewrittenBy);
        Assert.Equal(json, NoticeFormatter.ToJson(back));
    }

    [Fact]
    public void Read_RowWrittenBeforeSummaries_ComposesTheTemplate()
    {
        // An outbox row of the previous build: "summary" was the subject line, and there was no summary_template.
        const string Old = """
            {"event":"block","summary":"[rustids] gw1: block 203.0.113.7 (NL), score 85/70, 1h","address":"203.0.113.7","prefix":null,"country":"NL",
             "score":85,"block_threshold":70,"action":"block","duration_seconds":3600,"duration":"1h","expires_at":"2026-12-04T14:11:50Z",
             "decided_at":"2026-12-04T13:11:50Z","hostname":"gw1","unblock_command":"rustids block remove 203.0.113.7","severity":"high",
             "escalation_level":0,"reasons":[{"kind":"rule","detail":"sid 1000001","points":50}],
             "rules":[{"gid":1,"sid":1000001,"rev":3,"signature":"LOCAL SQL injection","count":2,"severity":1}]}
            """;

        var notice = NoticeJsonReader.Read(Old);

        Assert.Null(notice.Summary);
        Assert.Null(notice.SummaryRewrittenBy);
        Assert.Contains(".\n\nSummary:\nWhat happened: 203.0.113.7 (country NL) set off 1 rule (2 alerts in all)", NoticeFormatter.PlainText(notice), StringComparison.Ordinal);
    }

    [Fact]
    public void ToSlackJson_RewrittenSummary_IsTheFirstBlockEscapedAndTheTemplateFollows()
    {
        var notice = TestData.Notice() with { Summary = "Blocked <!channel> & co.", SummaryRewrittenBy = "llama3.1:8b" };

        var text = JsonDocument.Parse(NoticeFormatter.ToSlackJson(notice)).RootElement.GetProperty("text").GetString()!;

        Assert.StartsWith("*[rustids] gw1: block 203.0.113.7 (NL), score 85/70, 1h*\n*Summary (rewritten by llama3.1:8b):*\nBlocked &lt;!channel&gt; &amp; co.\n```\nAddress:",
            text, StringComparison.Ordinal);
        Assert.Contains("```\n_" + NoticeFormatter.TemplateHeading + ":_\nWhat happened: ", text, StringComparison.Ordinal);
    }

    [Fact]
    public void ToSlackJson_TemplateSummary_ComesBeforeTheFactsOnce()
    {
        var text = JsonDocument.Parse(NoticeFormatter.ToSlackJson(TestData.Notice())).RootElement.GetProperty("text").GetString()!;

        Assert.StartsWith("*[rustids] gw1: block 203.0.113.7 (NL), score 85/70, 1h*\n*Summary:*\nWhat happened: ", text, StringComparison.Ordinal);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(text, "What happened:"));
        Assert.EndsWith("```", text, StringComparison.Ordinal);
    }
}
