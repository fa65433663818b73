using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace RustIds.Engine.Web;

/// <summary>
/// Kestrel on one address (loopback by default) serving <c>GET /metrics</c> (Prometheus text) and
/// <c>GET /healthz</c>; started with a live run, stopped after it.
/// </summary>
public sealed class MetricsServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private MetricsServer(WebApplication app) => _app = app;

    /// <summary>The address it listens on.</summary>
    public required IPEndPoint Endpoint { get; init; }

    /// <summary>Binds <paramref name="endpoint"/> and starts serving.</summary>
    /// <exception cref="MetricsEndpointException">The address is in use or not on this host (Kestrel's message says which).</exception>
    public static async Task<MetricsServer> StartAsync(IPEndPoint endpoint, PipelineMetrics metrics, ILoggerFactory loggers, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(metrics);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(loggers);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(endpoint);
        });
        var app = builder.Build();
        app.MapGet("/metrics", async (HttpContext context) =>
        {
            var text = await metrics.WriteAsync(context.RequestAborted).ConfigureAwait(false);
            context.Response.ContentType = PrometheusText.ContentType;
            await context.Response.WriteAsync(text, context.RequestAborted).ConfigureAwait(false);
        });
        app.MapGet("/healthz", () => Results.Text("ok\n"));
        try
        {
            await app.StartAsync(cancellation).ConfigureAwait(false);
        }
        catch (IOException ex)
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw new MetricsEndpointException(
                $"cannot serve metrics on {endpoint}: {ex.Message} (give Metrics:Listen or --metrics a free ADDRESS:PORT on this host, or null to turn it off)", ex);
        }
        return new MetricsServer(app) { Endpoint = endpoint };
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None).ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
