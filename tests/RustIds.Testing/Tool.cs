using System.Diagnostics;

namespace RustIds.Testing;

/// <summary>Runs a Debian tool by absolute path with an argument list (never a shell) and captures its output.</summary>
public static class Tool
{
    /// <summary>The absolute path of a Debian tool in the usual system folders, or null when it is not installed.</summary>
    public static string? Find(string name) =>
        new[] { "/usr/sbin", "/usr/bin", "/sbin", "/bin", "/usr/local/bin" }.Select(d => Path.Combine(d, name)).FirstOrDefault(File.Exists);

    /// <summary>Runs with stdin closed and a 60 s limit; returns the exit code and both outputs.</summary>
    public static (int ExitCode, string Stdout, string Stderr) Run(string path, params string[] arguments) => RunWithInput(path, "", arguments);

    /// <summary>Runs with <paramref name="input"/> on stdin (then closed) and a 60 s limit; returns the exit code and both outputs.</summary>
    public static (int ExitCode, string Stdout, string Stderr) RunWithInput(string path, string input, params string[] arguments)
    {
        var start = new ProcessStartInfo(path)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {path}");
        process.StandardInput.Write(input);
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(60)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{path} {string.Join(' ', arguments)} did not finish in 60 s");
        }
        return (process.ExitCode, stdout.GetAwaiter().GetResult(), stderr.GetAwaiter().GetResult());
    }

    /// <summary>Runs and throws with stderr when the exit code is not 0.</summary>
    public static string RunChecked(string path, params string[] arguments)
    {
        var (exitCode, stdout, stderr) = Run(path, arguments);
        if (exitCode != 0)
            throw new InvalidOperationException($"{path} {string.Join(' ', arguments)} exited {exitCode}: {stderr}");
        return stdout;
    }
}
