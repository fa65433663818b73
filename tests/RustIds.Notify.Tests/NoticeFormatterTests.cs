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
        var record = new RustIds.Response.BlockRecord
        {
            Id = 7,
            Target = RustIds.Reputation.Addresses.Cidr.Parse("2001:db8:5:6::/64"),
            Score = 80,
            ReasonsJson = """[{"Kind":"aggregate","Detail":"3 addresses of 2001:db8:5:6::/64 blocked","Points":0}]""",
            Rules = "1:2001:1 ET SCAN x3",
            CreatedAt = new DateTimeOffset(2026, 12, 4, 10, 0, 0, TimeSpan.Zero),
            ExpiresAt = new DateTimeOffset(2026, 12, 4, 12, 0, 0, TimeSpan.Zero),
        };

        var notice = BlockNotice.FromEndedBlock(record, "expired", record.ExpiresAt, "gw1");

        Assert.Equal("[rustids] gw1: unblock (expired) 2001:db8:5:6::/64, was score 80, blocked for 2h", NoticeFormatter.Subject(notice));
        using var json = System.Text.Json.JsonDocument.Parse(NoticeFormatter.ToJson(notice));
        Assert.Equal("unblock", json.RootElement.GetProperty("event").GetString());
        Assert.Equal("2001:db8:5:6::/64", json.RootElement.GetProperty("prefix").GetString());
        Assert.Equal(["aggregate", "rules"], json.RootElement.GetProperty("reasons").EnumerateArray().Select(r => r.GetProperty("kind").GetString()));
        Assert.Contains("rustids block add 2001:db8:5:6::/64", NoticeFormatter.PlainText(notice), StringComparison.Ordinal);
    }
}
