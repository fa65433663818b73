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

        var sid = Assert.Single(report.Counters.AlertsBySid());
        Assert.Equal(20, sid.Sid);
        var decision = Assert.Single(report.Counters.Decisions());
        Assert.Equal(IpAddr.Parse("203.0.113.14"), decision.Address);
        Assert.Contains("9901:20:1 \"RUSTIDS login brute force: 20 connection attempts to login services in 1 min (threshold 20) against 192.168.1.22:22\"",
            decision.Explanation, StringComparison.Ordinal);
        var alert = JsonDocument.Parse(Assert.Single(File.ReadAllLines(options.Eve.Path))).RootElement;
        Assert.Equal(9901, alert.GetProperty("alert").GetProperty("gid").GetInt32());
        Assert.Equal("203.0.113.14", alert.GetProperty("src_ip").GetString());
        var metadata = alert.GetProperty("alert").GetProperty("metadata");
        Assert.Equal("20", metadata.GetProperty("rustids_observed")[0].GetString());
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

    private static RustIdsOptions Options(TempDirectory temp)
    {
        var options = new RustIdsOptions();
        options.Rules.Files = [RepoPaths.LocalRules];
        options.Reputation.GeoIpDatabase = null;
        options.Reputation.FeedCatalog = null;
        options.Firewall.Backend = FirewallBackendNames.DryRun;
        options.Eve.Path = temp.File("eve.json");
        options.Eve.DecisionLogPath = temp.File("decisions.json");
        options.Storage.DatabasePath = temp.File("rustids.db");
        return options;
    }

    private static Task<RunReport> ReplayAsync(RustIdsOptions options, string pcap) =>
        new PipelineRunner(NullLoggerFactory.Instance).RunAsync(new RunRequest
        {
            Options = options,
            Mode = RunMode.Replay,
            OpenSource = () => PcapFileSource.Open(pcap),
            SourceName = pcap,
        }, CancellationToken.None);
}
