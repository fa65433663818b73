namespace RustIds.Engine.Tests;

/// <summary>Paths of files in the repository and in ../shared, found from the test binary's folder.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string SqliPcap => Path.Combine(Root, "tests", "data", "pcaps", "sqli-union-select.pcap");
    public static string LocalRules => Path.Combine(Root, "rules", "local.rules");
    public static string EveSchema => Path.Combine(Root, "..", "shared", "data", "eve", "schema.json");

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "RustIdsPort.sln")))
            directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException("RustIdsPort.sln not found above " + AppContext.BaseDirectory);
    }
}
