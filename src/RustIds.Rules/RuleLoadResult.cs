namespace RustIds.Rules;

/// <summary>Everything a load produced: the good rules and every problem with the rest.</summary>
public sealed class RuleLoadResult
{
    /// <summary>Creates a result.</summary>
    public RuleLoadResult(IReadOnlyList<Rule> rules, IReadOnlyList<RuleDiagnostic> diagnostics, int disabledCount, int fileCount)
    {
        Rules = rules;
        Diagnostics = diagnostics;
        DisabledCount = disabledCount;
        FileCount = fileCount;
        ErrorCount = diagnostics.Count(d => d.Severity == DiagnosticSeverity.Error);
        WarningCount = diagnostics.Count - ErrorCount;
    }

    /// <summary>Rules that parsed, after duplicate gid:sid resolution, in file order.</summary>
    public IReadOnlyList<Rule> Rules { get; }

    /// <summary>All errors and warnings, in file order.</summary>
    public IReadOnlyList<RuleDiagnostic> Diagnostics { get; }

    /// <summary>Commented-out rules (<c>#alert ...</c>), which are skipped silently.</summary>
    public int DisabledCount { get; }

    /// <summary>Files that were read successfully.</summary>
    public int FileCount { get; }

    /// <summary>Active (not commented-out) rules read, loaded or not.</summary>
    public int ActiveCount { get; init; }

    /// <summary>Rules rejected for a syntax error.</summary>
    public int SyntaxRejected { get; init; }

    /// <summary>Rules held back because they use something rustids does not support (and have no syntax error).</summary>
    public int UnsupportedRejected { get; init; }

    /// <summary>Rules rejected for other reasons (missing sid, contradictory options, unknown variable...).</summary>
    public int OtherRejected { get; init; }

    /// <summary>Per unsupported keyword or feature, how many rules it held back (a rule can count under several).</summary>
    public IReadOnlyDictionary<string, int> HeldBack { get; init; } = new Dictionary<string, int>();

    /// <summary>The threshold.config read with the rules (suppress, threshold overrides, rate_filter), or null.</summary>
    public Thresholds.ThresholdConfig? ThresholdConfig { get; init; }

    /// <summary>Diagnostics with <see cref="DiagnosticSeverity.Error"/>.</summary>
    public int ErrorCount { get; }

    /// <summary>Diagnostics with <see cref="DiagnosticSeverity.Warning"/>.</summary>
    public int WarningCount { get; }
}
