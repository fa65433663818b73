using Microsoft.Extensions.Logging.Abstractions;
using RustIds.Engine.Configuration;
using RustIds.Engine.Pipeline;

namespace RustIds.Engine.Tests;

public sealed class LiveRunTests
{
    [Fact]
    public async Task ReopenLogs_AfterRotation_RecreatesEveAndDecisionLogs()
    {
        using var temp = new TempDirectory();
        var options = new RustIdsOptions();
        options.Rules.Files = [RepoPaths.LocalRules];
        options.Reputation.GeoIpDatabase = null;
        options.Firewall.Backend = FirewallBackendNames.DryRun;
        options.Firewall.ProtectInfrastructure = false;
        options.Eve.Path = temp.File("eve.json");
        options.Eve.DecisionLogPath = temp.File("decisions.json");
        options.Storage.DatabasePath = temp.File("rustids.db");
        options.Metrics.Listen = null; // tests run in parallel: none may take the default ports
        options.Api.Listen = null;
        var runner = new PipelineRunner(NullLoggerFactory.Instance);
        using var stop = new CancellationTokenSource();
        var run = runner.RunAsync(new RunRequest
        {
            Options = options,
            Mode = RunMode.Live,
            OpenSource = () => new IdleSource(),
            SourceName = "idle",
        }, stop.Token);
        await WaitForAsync(() => File.Exists(options.Eve.Path) && File.Exists(options.Eve.DecisionLogPath));

        File.Move(options.Eve.Path, options.Eve.Path + ".1");
        File.Move(options.Eve.DecisionLogPath, options.Eve.DecisionLogPath + ".1");
        runner.ReopenLogs();

        Assert.True(File.Exists(options.Eve.Path));
        Assert.True(File.Exists(options.Eve.DecisionLogPath));
        await stop.CancelAsync();
        var report = await run.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal("stopped", report.StopReason);
        Assert.False(report.CaptureFailed);
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out waiting for the run to start");
            await Task.Delay(20); // the run starts on another thread; there is no event to await here
        }
    }
}
