namespace RustIds.Reputation.Tests.GeoIp;

/// <summary>Runs Debian's mmdblookup (the oracle) with an argument list, never a shell.</summary>
internal static class MmdbLookup
{
    public const string Tool = "/usr/bin/mmdblookup";

    public static bool Available => File.Exists(Tool);

    /// <summary>The first value token mmdblookup prints for the path (strings keep their quotes), or null when not found.</summary>
    public static string? Value(string database, string address, params string[] path)
    {
        var (_, stdout, stderr) = Testing.Tool.Run(Tool, ["--file", database, "--ip", address, .. path]);
        var output = stdout.Trim();
        if (output.Length == 0 || (output + stderr).Contains("Could not find", StringComparison.Ordinal))
            return null;
        var marker = output.LastIndexOf(" <", StringComparison.Ordinal);
        return marker < 0 ? null : output[..marker].Trim();
    }
}
