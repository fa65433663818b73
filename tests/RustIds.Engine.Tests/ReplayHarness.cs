using Microsoft.Extensions.Logging.Abstractions;
using RustIds.Engine.Configuration;
using RustIds.Engine.Pipeline;
using RustIds.Packets;

namespace RustIds.Engine.Tests;

/// <summary>The whole pipeline in replay mode on a capture, with the test's own files and the dry-run firewall.</summary>
internal static class ReplayHarness
{
    /// <summary>local.rules, no GeoIP or feeds, the dry-run firewall, and every file inside <paramref name="temp"/>.</summary>
    public static RustIdsOptions Options(TempDirectory temp)
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

    public static Task<RunReport> ReplayAsync(RustIdsOptions options, string pcap, string? transcript = null)
    {
        var path = pcap;
        return new PipelineRunner(NullLoggerFactory.Instance).RunAsync(new RunRequest
        {
            Options = options,
            Mode = RunMode.Replay,
            TranscriptPath = transcript,
            OpenSource = () => PcapFileSource.Open(path),
            SourceName = path,
        }, CancellationToken.None);
    }
}
