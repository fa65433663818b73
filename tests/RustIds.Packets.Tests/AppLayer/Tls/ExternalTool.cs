using System.Diagnostics;

namespace RustIds.Packets.AppLayer.Tls.Tests;

/// <summary>Runs an external oracle (openssl, tshark) with an argument list, no shell.</summary>
internal static class ExternalTool
{
    public static bool Exists(string path) => File.Exists(path);

    public static string Run(string path, params string[] arguments)
    {
        var start = new ProcessStartInfo(path)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {path}");
        var errorTask = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(60_000))
        {
            process.Kill();
            throw new TimeoutException($"{path} did not finish");
        }
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{path} {string.Join(' ', arguments)} failed ({process.ExitCode}): {errorTask.Result}");
        return output;
    }
}
