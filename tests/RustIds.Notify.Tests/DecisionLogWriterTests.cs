using System.Text.Json;
using RustIds.Reputation;

namespace RustIds.Notify.Tests;

public sealed class DecisionLogWriterTests
{
    [Fact]
    public void WriteDecision_Block_WritesAllFieldsWithExpiry()
    {
        using var dir = new TempDirectory();
        var path = dir.File("decisions", "decisions.json");
        using (var log = new DecisionLogWriter(path))
            log.WriteDecision(TestData.BlockVerdict(), TestData.Decided);

        var root = JsonDocument.Parse(Assert.Single(File.ReadAllLines(path))).RootElement;
        Assert.Equal("2026-12-04T13:11:50Z", root.GetProperty("timestamp").GetString());
        Assert.Equal("203.0.113.7", root.GetProperty("address").GetString());
        Assert.Equal("block", root.GetProperty("action").GetString());
        Assert.Equal(85, root.GetProperty("score").GetInt32());
        Assert.Equal(70, root.GetProperty("threshold").GetInt32());
        Assert.Equal(3600, root.GetProperty("duration_seconds").GetInt64());
        Assert.Equal("2026-12-04T14:11:50Z", root.GetProperty("expires_at").GetString());
        Assert.Equal("NL", root.GetProperty("country").GetString());
        var reasons = root.GetProperty("reasons").EnumerateArray().ToArray();
        Assert.Equal(3, reasons.Length);
        Assert.Equal("rule", reasons[0].GetProperty("kind").GetString());
        Assert.Equal("sid 1000001 \"SQL injection\" priority 1", reasons[0].GetProperty("detail").GetString());
        Assert.Equal(50, reasons[0].GetProperty("points").GetInt32());
    }

    [Fact]
    public void WriteDecision_AlertWithoutCountry_WritesNulls()
    {
        using var dir = new TempDirectory();
        var path = dir.File("decisions.json");
        using (var log = new DecisionLogWriter(path))
        {
            log.WriteDecision(TestData.BlockVerdict() with { Action = VerdictAction.Alert, Duration = TimeSpan.Zero, Country = null }, TestData.Decided);
            log.Reopen();
            log.WriteDecision(TestData.BlockVerdict(), TestData.Decided);
        }

        var lines = File.ReadAllLines(path);
        Assert.Equal(2, lines.Length);
        var root = JsonDocument.Parse(lines[0]).RootElement;
        Assert.Equal("alert", root.GetProperty("action").GetString());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("expires_at").ValueKind);
        Assert.Equal(JsonValueKind.Null, root.GetProperty("country").ValueKind);
    }
}
