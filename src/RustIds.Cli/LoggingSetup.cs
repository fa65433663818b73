using Microsoft.Extensions.Logging;
using RustIds.Engine.Configuration;
using Serilog;
using Serilog.Events;
using Serilog.Extensions.Logging;
using Serilog.Formatting.Compact;

namespace RustIds.Cli;

/// <summary>Serilog is configured here only; libraries log through <see cref="ILogger{T}"/>.</summary>
internal static class LoggingSetup
{
    /// <summary>Console (stderr) plus, when <paramref name="withFile"/>, a daily rolling compact-JSON file.</summary>
    public static ILoggerFactory Create(LoggingOptions options, bool withFile, LogEventLevel? overrideLevel = null)
    {
        var level = overrideLevel ?? (Enum.TryParse<LogEventLevel>(options.Level, ignoreCase: true, out var parsed) ? parsed : LogEventLevel.Information);
        var configuration = new LoggerConfiguration()
            .MinimumLevel.Is(level);
        foreach (var (source, sourceLevel) in options.Overrides)
        {
            if (Enum.TryParse<LogEventLevel>(sourceLevel, ignoreCase: true, out var parsedSource))
                configuration = configuration.MinimumLevel.Override(source, parsedSource);
        }
        configuration = configuration
            .WriteTo.Console(
                outputTemplate: Console.IsErrorRedirected
                    ? "{Level:u3} {SourceContext}: {Message:lj}{NewLine}{Exception}"
                    : "[{Timestamp:HH:mm:ss} {Level:u3}] {Message:lj}{NewLine}{Exception}",
                standardErrorFromLevel: LogEventLevel.Verbose);
        if (withFile && options.File is { Length: > 0 } file && CanWrite(file))
            configuration = configuration.WriteTo.File(new CompactJsonFormatter(), file, rollingInterval: RollingInterval.Day, retainedFileCountLimit: 14,
                fileSizeLimitBytes: options.FileSizeLimitMiB * 1024L * 1024L, rollOnFileSizeLimit: true);
        return new SerilogLoggerFactory(configuration.CreateLogger(), dispose: true);
    }

    private static bool CanWrite(string file)
    {
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(file))!);
            return true;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
        catch (IOException)
        {
            return false;
        }
    }
}
