using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging.Abstractions;
using RustIds.Engine.Configuration;
using RustIds.Engine.Pipeline;
using RustIds.Engine.Web;

namespace RustIds.Engine.Tests;

/// <summary><c>/metrics</c> and <c>/healthz</c> of a live run, scraped over real HTTP on loopback.</summary>
public sealed class MetricsEndpointTests
{
    [SkippableFact]
    public async Task Metrics_LiveRunAfterAnAttack_CountsPacketsAlertsVerdictsAndBlocksInPrometheusFormat()
    {
        using var temp = new TempDirectory();
        var port = FreePort.Get();
        var options = Options(temp, $"127.0.0.1:{port}");
        using var stop = new CancellationTokenSource();
        var run = Start(options, RepoPaths.SqliPcap, stop.Token);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(10) };

        var metrics = await ScrapeUntilAsync(http, text => text.Contains("rustids_verdicts_total{outcome=\"blocked\"} 1", StringComparison.Ordinal));

        Assert.Equal("ok\n", await http.GetStringAsync(new Uri("/healthz", UriKind.Relative)));
        Assert.Contains("rustids_packets_total 24\n", metrics, StringComparison.Ordinal);
        Assert.Contains("rustids_alerts_total{gid=\"1\",sid=\"1000001\",severity=\"1\"} 1\n", metrics, StringComparison.Ordinal);
        Assert.Contains("rustids_active_blocks{backend=\"dry-run\",action=\"block\"} 1\n", metrics, StringComparison.Ordinal);
        Assert.Contains("rustids_block_apply_seconds_count 1\n", metrics, StringComparison.Ordinal);
        Assert.Contains("rustids_block_apply_seconds_bucket{le=\"+Inf\"} 1\n", metrics, StringComparison.Ordinal);
        Assert.Contains("rustids_decode_errors_total{kind=\"malformed\"} 0\n", metrics, StringComparison.Ordinal);
        Assert.Contains("rustids_rules_loaded 6\n", metrics, StringComparison.Ordinal);
        Assert.Contains("# TYPE rustids_flows_active gauge\n", metrics, StringComparison.Ordinal);
        using (var response = await http.GetAsync(new Uri("/metrics", UriKind.Relative)))
            Assert.Equal("text/plain; version=0.0.4; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        var promtool = Tool.Find("promtool");
        Skip.If(promtool is null, "promtool not found (install.sh extracts it from Debian's prometheus package)");
        var (exit, stdout, stderr) = Tool.RunWithInput(promtool!, metrics, "check", "metrics");
        Assert.True(exit == 0, stdout + stderr);

        await stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task Metrics_PortInUse_StopsTheStartWithTheAddressInTheMessage()
    {
        using var temp = new TempDirectory();
        using var busy = new TcpListener(IPAddress.Loopback, 0);
        busy.Start();
        var port = ((IPEndPoint)busy.LocalEndpoint).Port;

        var ex = await Assert.ThrowsAsync<WebEndpointException>(() => Start(Options(temp, $"127.0.0.1:{port}"), null, CancellationToken.None));

        Assert.Contains($"127.0.0.1:{port}", ex.Message, StringComparison.Ordinal);
    }

    private static RustIdsOptions Options(TempDirectory temp, string listen)
    {
        var options = new RustIdsOptions();
        options.Rules.Files = [RepoPaths.LocalRules];
        options.Reputation.GeoIpDatabase = null;
        options.Reputation.FeedCatalog = null;
        options.Firewall.Backend = FirewallBackendNames.DryRun;
        options.Firewall.ProtectInfrastructure = false;
        options.Eve.Path = temp.File("eve.json");
        options.Eve.DecisionLogPath = temp.File("decisions.json");
        options.Storage.DatabasePath = temp.File("rustids.db");
        options.Metrics.Listen = listen;
        return options;
    }

    private static Task<RunReport> Start(RustIdsOptions options, string? pcap, CancellationToken stop) =>
        new PipelineRunner(NullLoggerFactory.Instance).RunAsync(new RunRequest
        {
            Options = options,
            Mode = RunMode.Live,
            OpenSource = () => new IdleSource(pcap),
            SourceName = "idle",
        }, stop);

    private static async Task<string> ScrapeUntilAsync(HttpClient http, Func<string, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        string? last = null;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                last = await http.GetStringAsync(new Uri("/metrics", UriKind.Relative));
                if (done(last))
                    return last;
            }
            catch (HttpRequestException)
            {
                // not listening yet: the run starts on another thread
            }
            await Task.Delay(50);
        }
        Assert.Fail("the metrics never showed the block; last scrape:\n" + last);
        return "";
    }
}
