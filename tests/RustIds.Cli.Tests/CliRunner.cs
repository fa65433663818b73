using System.Diagnostics;

namespace RustIds.Cli.Tests;

/// <summary>Runs the built <c>rustids</c> (copied beside the tests) as a user would, and captures what it prints.</summary>
internal static class CliRunner
{
    public static string RepoRoot => RepoPaths.Root;

    public static CliResult Run(params string[] arguments) => Run(arguments, workingDirectory: null);

    public static CliResult Run(string[] arguments, string? workingDirectory, IReadOnlyDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, "rustids"))
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory ?? RepoRoot,
        };
        foreach (var argument in arguments)
            info.ArgumentList.Add(argument);
        // Keep the host's /etc/rustids out of the tests unless a test names a config.
        info.Environment["RUSTIDS__Firewall__Backend"] = "dry-run";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
            info.Environment[name] = value;
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(60)))
            process.Kill(entireProcessTree: true);
        process.WaitForExit();
        return new CliResult(process.ExitCode, stdout.GetAwaiter().GetResult(), stderr.GetAwaiter().GetResult());
    }
}
