using RustIds.Rules.Management;

namespace RustIds.Rules.Tests.Management;

/// <summary>Finds and reads the ET Open snapshot in shared/data (see its SOURCE.md).</summary>
internal static class EtOpenCorpus
{
    public const string DeletedFile = "emerging-deleted.rules";

    /// <summary>Gets the et-open folder, or null when the shared data is not there.</summary>
    public static string? Directory { get; } = Find();

    /// <summary>Reads every *.rules file, in name order, with the bare file name as <see cref="RuleLine.File"/>.</summary>
    public static List<RuleLine> ReadAll()
    {
        var lines = new List<RuleLine>();
        foreach (string path in System.IO.Directory.GetFiles(Directory!, "*.rules").Order(StringComparer.Ordinal))
        {
            lines.AddRange(RuleLineReader.Read(File.ReadAllText(path), Path.GetFileName(path)));
        }

        return lines;
    }

    private static string? Find()
    {
        // Staging: /work/staging/<x>/tests/bin/...; main repo: <root>/tests/...; data lives in <parent of root>/shared.
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "shared", "data", "rules", "et-open");
            if (System.IO.Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
