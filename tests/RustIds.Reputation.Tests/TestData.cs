namespace RustIds.Reputation.Tests;

/// <summary>Locates ../shared/data (relative to the repository root) from the test binary.</summary>
internal static class TestData
{
    private static readonly Lazy<string> Root = new(FindRoot);

    public static string GeoIp(string file) => Path.Combine(Root.Value, "geoip", "maxmind-test", file);

    public static string Feed(string relative) => Path.Combine(Root.Value, "feeds", relative);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "..", "shared", "data");
            if (Directory.Exists(Path.Combine(candidate, "geoip")))
                return Path.GetFullPath(candidate);
        }
        throw new DirectoryNotFoundException("../shared/data not found above " + AppContext.BaseDirectory);
    }
}
