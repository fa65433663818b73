namespace RustIds.Testing;

/// <summary>Files of the repository and of <c>../shared</c>, found from the test binary's folder.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>The team's shared data (<c>../shared/data</c> beside the repository).</summary>
    public static string SharedData => Path.Combine(Root, "..", "shared", "data");

    /// <summary>A real capture of a curl SQL injection between two namespaces (24 packets, one alert for sid 1000001).</summary>
    public static string SqliPcap => Path.Combine(Root, "tests", "data", "pcaps", "sqli-union-select.pcap");

    public static string LocalRules => Path.Combine(Root, "rules", "local.rules");

    public static string EveSchema => Path.Combine(SharedData, "eve", "schema.json");

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "RustIdsPort.sln")))
            directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException("RustIdsPort.sln not found above " + AppContext.BaseDirectory);
    }
}
