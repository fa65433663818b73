using System.Diagnostics;

namespace RustIds.Reputation.Tests.GeoIp;

/// <summary>Runs Debian's mmdblookup (the oracle) with an argument list, never a shell.</summary>
internal static class MmdbLookup
{
    public const string Tool = "/usr/bin/mmdblookup";

    public static bool Available => File.Exists(Tool);

    /// <summary>The first value token mmdblookup prints for the path (strings keep their quotes), or null when not found.</summary>
    public static string? Value(string database, string address, params string[] path)
    {
        var start = new ProcessStartInfo(Tool)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("--file");
        start.ArgumentList.Add(database);
        start.ArgumentList.Add("--ip");
        start.ArgumentList.Add(address);
        foreach (var key in path)
            start.ArgumentList.Add(key);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(10_000))
        {
            process.Kill();
            throw new TimeoutException("mmdblookup hung");
        }
        var output = stdout.Result.Trim();
        if (output.Length == 0 || (output + stderr.Result).Contains("Could not find", StringComparison.Ordinal))
            return null;
        var marker = output.LastIndexOf(" <", StringComparison.Ordinal);
        return marker < 0 ? null : output[..marker].Trim();
    }
}
