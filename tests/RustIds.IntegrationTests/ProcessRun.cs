using System.Diagnostics;

namespace RustIds.IntegrationTests;

/// <summary>Runs a command to completion (argument list, no shell) and returns its exit code and output.</summary>
internal static class ProcessRun
{
    public static (int ExitCode, string Output) Run(string fileName, params string[] arguments) =>
        Run(fileName, arguments, TimeSpan.FromSeconds(60));

    public static (int ExitCode, string Output) Run(string fileName, IEnumerable<string> arguments, TimeSpan timeout, string? workingDirectory = null)
    {
        var info = new ProcessStartInfo(fileName)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        if (workingDirectory is not null)
            info.WorkingDirectory = workingDirectory;
        foreach (var argument in arguments)
            info.ArgumentList.Add(argument);
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }
        return (process.ExitCode, stdout.Result + stderr.Result);
    }

    public static string RunChecked(string fileName, params string[] arguments)
    {
        var (code, output) = Run(fileName, arguments);
        if (code != 0)
            throw new InvalidOperationException($"{fileName} {string.Join(' ', arguments)} exited {code}: {output}");
        return output;
    }
}
