using RustIds.Engine.Configuration;
using RustIds.Rules;
using RustIds.Rules.Management;
using RustIds.Rules.Thresholds;

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
        var policyDiagnostics = new List<RuleDiagnostic>();
        var policy = LoadPolicy(options, policyDiagnostics);
        var result = new RuleFileLoader(variables, classifications, policy).LoadFiles(files ?? options.Files);
        if (policy is not null)
        {
            // An entry that matched nothing is usually a typo or a retired sid: say so, as suricata-update does.
            foreach (var entry in policy.Statistics.GetEntriesWithoutHits())
                policyDiagnostics.Add(new RuleDiagnostic(entry.File, Math.Max(1, entry.Line), 1, null, DiagnosticSeverity.Warning, RuleDiagnosticKind.Semantic, $"'{entry.Text}' matched no rule"));
        }
        var thresholds = LoadThresholds(options, variables, policyDiagnostics);
        if (classificationDiagnostics.Count == 0 && policyDiagnostics.Count == 0 && thresholds is null)
            return result;
        return new RuleLoadResult(result.Rules, [.. classificationDiagnostics, .. policyDiagnostics, .. result.Diagnostics], result.DisabledCount, result.FileCount)
        {
            ActiveCount = result.ActiveCount,
            SyntaxRejected = result.SyntaxRejected,
            UnsupportedRejected = result.UnsupportedRejected,
            OtherRejected = result.OtherRejected,
            HeldBack = result.HeldBack,
            ThresholdConfig = thresholds,
        };
    }

    private static ThresholdConfig? LoadThresholds(RulesOptions options, RuleVariables variables, List<RuleDiagnostic> diagnostics)
    {
        if (options.ThresholdFile is not { Length: > 0 } path)
            return null;
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            diagnostics.Add(new RuleDiagnostic(path, 1, 1, null, DiagnosticSeverity.Error, RuleDiagnosticKind.Io, $"cannot read threshold file: {ex.Message}"));
            return null;
        }
        var errors = new List<ThresholdConfigError>();
        var config = ThresholdConfig.Parse(text, path, name => variables.Values.TryGetValue(name.TrimStart('$'), out var value) ? value : null, errors);
        foreach (var error in errors)
            diagnostics.Add(new RuleDiagnostic(error.File, Math.Max(1, error.Line), Math.Max(1, error.Column), null, DiagnosticSeverity.Error, RuleDiagnosticKind.Syntax, error.Message));
        return config;
    }

    private static RuleManagementPolicy? LoadPolicy(RulesOptions options, List<RuleDiagnostic> diagnostics)
    {
        if (options.EnableConf is null && options.DisableConf is null && options.ModifyConf is null && options.DropConf is null)
            return null;
        var errors = new List<RuleManagementError>();
        var policy = RuleManagementPolicy.Load(options.EnableConf, options.DisableConf, options.ModifyConf, options.DropConf, errors);
        foreach (var error in errors)
            diagnostics.Add(new RuleDiagnostic(error.File, Math.Max(1, error.Line), Math.Max(1, error.Column), null, DiagnosticSeverity.Error, RuleDiagnosticKind.Syntax, error.Message));
        return policy;
    }
}
