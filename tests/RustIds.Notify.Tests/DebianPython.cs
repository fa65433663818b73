using System.Diagnostics;

namespace RustIds.Notify.Tests;

/// <summary>Runs Debian's /usr/bin/python3 (which has python3-jsonschema and python3-aiosmtpd).</summary>
internal static class DebianPython
{
    public const string Path = "/usr/bin/python3";

    /// <summary>Null when the interpreter and <paramref name="module"/> are importable, else the reason.</summary>
    public static string? MissingReason(string module)
    {
        if (!File.Exists(Path))
            return $"{Path} not found (install Debian's python3)";
        var (exit, _, error) = Run(["-c", "import " + module], TimeSpan.FromSeconds(30));
        return exit == 0 ? null : $"python module {module} missing (install python3-{module}): {error.Trim()}";
    }

    public static (int ExitCode, string Stdout, string Stderr) Run(IEnumerable<string> arguments, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(Path)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{Path} did not finish within {timeout}");
        }
        return (process.ExitCode, stdout.Result, stderr.Result);
    }
}
