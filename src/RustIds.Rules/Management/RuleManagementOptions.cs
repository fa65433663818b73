namespace RustIds.Rules.Management;

/// <summary>Limits and switches for loading and applying a <see cref="RuleManagementPolicy"/>.</summary>
public sealed record RuleManagementOptions
{
    /// <summary>The shared default options.</summary>
    public static RuleManagementOptions Default { get; } = new();

    /// <summary>Longest time one regular expression may run against one rule. Default 1 second.</summary>
    /// <remarks>
    /// Operator regexes (<c>re:</c> matchers, modify.conf patterns) can backtrack catastrophically; a match that times
    /// out counts as "no match" and is counted in <see cref="RuleManagementStatistics.RegexTimeouts"/>. Typical
    /// matches take microseconds, so the default only stops runaway patterns.
    /// </remarks>
    public TimeSpan RegexMatchTimeout { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Largest management file that <c>RuleManagementPolicy.Load</c> reads, in bytes. Default 16 MiB.</summary>
    /// <remarks>
    /// Real files are a few KiB; a larger file is almost certainly the wrong file and is reported, not read.
    /// </remarks>
    public long MaxFileBytes { get; init; } = 16L * 1024 * 1024;

    /// <summary>Compile regular expressions to IL. Default true.</summary>
    /// <remarks>
    /// Measured on ET Open (34,850 rules, 2 cores): one case-insensitive <c>re:</c> matcher costs about 10 ms per pass
    /// compiled and 100-300 ms interpreted, so a policy with 30 regexes takes ~0.3 s instead of ~3-6 s. Compiling costs
    /// a few milliseconds per regex at load. Turn it off only when policies are parsed far more often than applied
    /// (e.g. fuzzing the parser).
    /// </remarks>
    public bool CompileRegexes { get; init; } = true;
}
