using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using RustIds.Engine.Configuration;
using RustIds.Engine.Pipeline;
using RustIds.Packets;

namespace RustIds.Engine.Tests;

/// <summary>Behavioural detections through the whole replay pipeline: EVE (schema-valid, with evidence), the decision's reasons, and victim reports that block nobody.</summary>
public sealed class DetectorPipelineTests(ScenarioCaptures captures) : IClassFixture<ScenarioCaptures>
{
    [SkippableFact]
    public async Task Replay_SshBruteForce_AlertWithEvidenceInEveAndTheDecisionsReasons()
    {
        Skip.IfNot(captures.Generated, "Debian's python3 is needed to generate the scenarios");
        using var temp = new TempDirectory();
        var options = Options(temp);

        var report = await ReplayAsync(options, captures.PathOf("bruteforce-ssh"));

        // The capture's client banner is libssh's, which local.rules also flags (sid 1000004, priority 3).
        Assert.Equal([20L, 1000004L], report.Counters.AlertsBySid().Select(s => s.Sid).Order());
        // The libssh rule alone only alerts; the brute force blocks.
        var decision = report.Counters.Decisions().First(d => d.Outcome == "blocked");
        Assert.Equal(IpAddr.Parse("203.0.113.14"), decision.Address);
        Assert.Matches("9901:20:1 \"RUSTIDS login brute force: (10 login sessions shorter than 5 s in 5 min \\(threshold 10\\)|20 connection attempts to login services in 1 min \\(threshold 20\\)) against 192.168.1.22:22\" priority 1",
            decision.Explanation);
        var alert = File.ReadAllLines(options.Eve.Path).Select(l => JsonDocument.Parse(l).RootElement)
            .Single(a => a.GetProperty("alert").GetProperty("gid").GetInt32() == 9901);
        Assert.Equal(20, alert.GetProperty("alert").GetProperty("signature_id").GetInt32());
        Assert.Equal("203.0.113.14", alert.GetProperty("src_ip").GetString());
        Assert.Equal("blocked", alert.GetProperty("alert").GetProperty("action").GetString());
        var metadata = alert.GetProperty("alert").GetProperty("metadata");
        Assert.Equal("10", metadata.GetProperty("rustids_observed")[0].GetString());
        Assert.Equal("BruteForce", metadata.GetProperty("rustids_detector")[0].GetString());
        EveSchemaCheck.AssertValid(options.Eve.Path);
    }

    [SkippableFact]
    public async Task Replay_SpoofedSynFlood_ReportsTheVictimAndBlocksNobody()
    {
        Skip.IfNot(captures.Generated, "Debian's python3 is needed to generate the scenarios");
        using var temp = new TempDirectory();
        var options = Options(temp);

        var report = await ReplayAsync(options, captures.PathOf("synflood-spoofed"));

        Assert.Equal(10, Assert.Single(report.Counters.AlertsBySid()).Sid);
        Assert.Empty(report.Counters.Decisions());
        var alert = JsonDocument.Parse(Assert.Single(File.ReadAllLines(options.Eve.Path))).RootElement;
        Assert.Equal("allowed", alert.GetProperty("alert").GetProperty("action").GetString());
        Assert.Equal("192.168.1.30", alert.GetProperty("dest_ip").GetString());
        Assert.Contains("not blocked", alert.GetProperty("alert").GetProperty("signature").GetString(), StringComparison.Ordinal);
        EveSchemaCheck.AssertValid(options.Eve.Path);
    }

    [SkippableFact]
    public async Task Replay_DetectorsDisabled_RaisesNothing()
    {
        Skip.IfNot(captures.Generated, "Debian's python3 is needed to generate the scenarios");
        using var temp = new TempDirectory();
        var options = Options(temp);
        options.Detectors.Enabled = false;

        var report = await ReplayAsync(options, captures.PathOf("portscan-fast"));

        Assert.Empty(report.Counters.AlertsBySid());
        Assert.True(report.Counters.Packets > 500);
    }

    private static RustIdsOptions Options(TempDirectory temp) => ReplayHarness.Options(temp);

    private static Task<RunReport> ReplayAsync(RustIdsOptions options, string pcap) => ReplayHarness.ReplayAsync(options, pcap);
}
