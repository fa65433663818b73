using Microsoft.Data.Sqlite;
using RustIds.Engine.Pipeline;
using RustIds.Packets;
using RustIds.Response;

namespace RustIds.Cli.Commands;

/// <summary>Runs the pipeline for <c>replay</c> and <c>run</c> and turns environment failures into one clear line and an exit code.</summary>
internal static class PipelineExecution
{
    /// <summary>Runs <paramref name="request"/>, prints its summary and returns the exit code <paramref name="exitCode"/> picks.</summary>
    /// <remarks>A packet source that cannot be opened gives <paramref name="sourceFailureExitCode"/>: a bad file is input, a bad interface is environment.</remarks>
    public static async Task<int> ExecuteAsync(
        PipelineRunner runner, RunRequest request, int sourceFailureExitCode, Func<RunReport, int> exitCode, CancellationToken cancellation, SummaryFormat format = default)
    {
        try
        {
            var report = await runner.RunAsync(request, cancellation);
            if (format.Json)
            {
                using var stdout = Console.OpenStandardOutput();
                RunSummaryJson.Write(report, request.SourceName, stdout);
            }
            else
            {
                RunSummaryPrinter.Print(report, request.SourceName, format.Stats);
            }
            return exitCode(report);
        }
        catch (PcapException ex)
        {
            Console.Error.WriteLine($"rustids: {request.SourceName}: {ex.Message}");
            return sourceFailureExitCode;
        }
        catch (Engine.Web.WebEndpointException ex)
        {
            Console.Error.WriteLine($"rustids: {ex.Message}");
            return ExitCodes.EnvironmentFailure;
        }
        catch (FirewallCommandException ex)
        {
            Console.Error.WriteLine($"rustids: firewall: {ex.Message}");
            return ExitCodes.EnvironmentFailure;
        }
        catch (Exception ex) when (ex is UnauthorizedAccessException or IOException or SqliteException)
        {
            Console.Error.WriteLine($"rustids: {ex.Message} (run as root, or point Eve:Path, Storage:DatabasePath and Logging:File at writable places)");
            return ExitCodes.EnvironmentFailure;
        }
    }
}
