using RustIds.Engine.Configuration;
using RustIds.Rules;

namespace RustIds.Engine.Loading;

/// <summary>Loads the configured rule files with the configured variables and classification table.</summary>
public static class RuleSetLoader
{
    /// <summary>
    /// Loads <paramref name="files"/> (or the configured ones when null). Diagnostics of the
    /// classification file come first, then those of the rules; nothing throws for bad content.
    /// </summary>
    public static RuleLoadResult Load(RulesOptions options, IReadOnlyList<string>? files = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var variables = RuleVariables.CreateDefault();
        foreach (var (name, value) in options.Variables)
            variables.Set(name, value);
        var classifications = ClassificationTable.CreateDefault();
        var classificationDiagnostics = options.ClassificationFile is { Length: > 0 } classificationFile
            ? classifications.LoadFile(classificationFile)
            : [];
        var result = new RuleFileLoader(variables, classifications).LoadFiles(files ?? options.Files);
        if (classificationDiagnostics.Count == 0)
            return result;
        return new RuleLoadResult(result.Rules, [.. classificationDiagnostics, .. result.Diagnostics], result.DisabledCount, result.FileCount);
    }
}
