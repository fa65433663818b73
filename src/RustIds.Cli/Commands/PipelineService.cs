using Microsoft.Extensions.Hosting;
using RustIds.Engine.Pipeline;

namespace RustIds.Cli.Commands;

/// <summary>
/// The pipeline of <c>rustids run</c> as the generic host's one service: the host's lifetime turns SIGTERM and
/// Ctrl-C into a stop, the pipeline stops cleanly on it (queued alerts handled, batches applied, outbox flushed),
/// and a pipeline that ends by itself (a capture error) stops the host with its exit code.
/// </summary>
internal sealed class PipelineService(PipelineRunner runner, RunRequest request, IHostApplicationLifetime lifetime) : BackgroundService
{
    /// <summary>The exit code of the run, once it ended.</summary>
    public int ExitCode { get; private set; } = ExitCodes.EnvironmentFailure;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            ExitCode = await PipelineExecution.ExecuteAsync(runner, request, ExitCodes.EnvironmentFailure,
                report => report.CaptureFailed ? ExitCodes.EnvironmentFailure : ExitCodes.Ok, stoppingToken);
        }
        finally
        {
            lifetime.StopApplication();
        }
    }
}
