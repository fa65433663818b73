using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace RustIds.Engine.Web;

/// <summary>
/// Kestrel for a live run: <c>/metrics</c> and <c>/healthz</c> on the metrics address, the REST API and the
/// dashboard on the API address (one port serves all when the two are the same).
/// </summary>
public sealed class WebServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private WebServer(WebApplication app) => _app = app;

    /// <summary>Binds the addresses given and starts serving.</summary>
    /// <param name="metricsAt">Where <c>/metrics</c> and <c>/healthz</c> are served; null for none.</param>
    /// <param name="metrics">The pipeline's metrics.</param>
    /// <param name="apiAt">Where <c>/api</c> and the dashboard are served; null for none.</param>
    /// <param name="api">What the API reads and changes; needed with <paramref name="apiAt"/>.</param>
    /// <param name="loggers">Kestrel's logs go where rustids' go.</param>
    /// <param name="cancellation">Stops the start.</param>
    /// <exception cref="WebEndpointException">An address is in use or not on this host (Kestrel's message says which).</exception>
    public static async Task<WebServer> StartAsync(
        IPEndPoint? metricsAt, PipelineMetrics metrics, IPEndPoint? apiAt, ApiServices? api, ILoggerFactory loggers, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        if (apiAt is not null)
            ArgumentNullException.ThrowIfNull(api);
        var shared = metricsAt is not null && apiAt is not null && metricsAt.Equals(apiAt);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(loggers);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            if (metricsAt is not null)
                kestrel.Listen(metricsAt);
            if (apiAt is not null && !shared)
                kestrel.Listen(apiAt);
        });
        var app = builder.Build();
        // Two ports: each route answers on its own only, so exposing /metrics to a Prometheus host never exposes the API.
        var metricsHost = metricsAt is null || shared ? null : $"*:{metricsAt.Port}";
        var apiHost = apiAt is null || shared ? null : $"*:{apiAt.Port}";
        if (metricsAt is not null)
        {
            Host(app.MapGet("/metrics", async (HttpContext context) =>
            {
                var text = await metrics.WriteAsync(context.RequestAborted).ConfigureAwait(false);
                context.Response.ContentType = PrometheusText.ContentType;
                await context.Response.WriteAsync(text, context.RequestAborted).ConfigureAwait(false);
            }), metricsHost);
            Host(app.MapGet("/healthz", () => Results.Text("ok\n")), metricsHost);
        }
        if (apiAt is not null)
        {
            ApiEndpoints.Map(app, api!, apiHost);
            Host(app.MapGet("/", () => Results.Text(Dashboard.Html, "text/html; charset=utf-8")), apiHost);
        }
        try
        {
            await app.StartAsync(cancellation).ConfigureAwait(false);
        }
        catch (IOException ex)
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw new WebEndpointException(
                $"cannot listen on {string.Join(" and ", new[] { metricsAt, apiAt }.OfType<IPEndPoint>().Distinct())}: {ex.Message} " +
                "(give Metrics:Listen / --metrics and Api:Listen a free ADDRESS:PORT on this host, or null to turn them off)", ex);
        }
        return new WebServer(app);
    }

    private static void Host(IEndpointConventionBuilder endpoint, string? host)
    {
        if (host is not null)
            endpoint.RequireHost(host);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None).ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
