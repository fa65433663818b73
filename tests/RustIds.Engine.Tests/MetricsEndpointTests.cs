using System.Net;
using System.Net.Sockets;
using RustIds.Engine.Web;

namespace RustIds.Engine.Tests;

/// <summary><c>/metrics</c> and <c>/healthz</c> of a live run, scraped over real HTTP on loopback.</summary>
public sealed class MetricsEndpointTests
{
    [SkippableFact]
    public async Task Metrics_LiveRunAfterAnAttack_CountsPacketsAlertsVerdictsAndBlocksInPrometheusFormat()
    {
        using var temp = new TempDirectory();
        await using var run = new LiveRun(temp, RepoPaths.SqliPcap);
        using var http = new HttpClient { BaseAddress = new Uri($"http://{run.Options.Metrics.Listen}"), Timeout = TimeSpan.FromSeconds(10) };

        var metrics = "";
        await LiveRun.WaitForAsync(async () =>
        {
            metrics = await http.GetStringAsync(new Uri("/metrics", UriKind.Relative));
            return metrics.Contains("rustids_verdicts_total{outcome=\"blocked\"} 1", StringComparison.Ordinal);
        }, "the metrics to show the block");

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
        // Two ports: the API's routes do not answer on the metrics port.
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync(new Uri("/api/blocks", UriKind.Relative))).StatusCode);
        var promtool = Tool.Find("promtool");
        Skip.If(promtool is null, "promtool not found (install.sh extracts it from Debian's prometheus package)");
        var (exit, stdout, stderr) = Tool.RunWithInput(promtool!, metrics, "check", "metrics");
        Assert.True(exit == 0, stdout + stderr);
    }

    [Fact]
    public async Task Metrics_PortInUse_StopsTheStartWithTheAddressInTheMessage()
    {
        using var temp = new TempDirectory();
        using var busy = new TcpListener(IPAddress.Loopback, 0);
        busy.Start();
        var port = ((IPEndPoint)busy.LocalEndpoint).Port;

        await using var run = new LiveRun(temp, null, options => options.Metrics.Listen = $"127.0.0.1:{port}");

        var ex = await Assert.ThrowsAsync<WebEndpointException>(() => run.Completion);
        Assert.Contains($"127.0.0.1:{port}", ex.Message, StringComparison.Ordinal);
    }
}
