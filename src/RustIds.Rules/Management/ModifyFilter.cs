using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;

namespace RustIds.Rules.Management;

/// <summary>One modify.conf entry: a matcher and either a regex substitution or a metadata addition.</summary>
internal sealed class ModifyFilter
{
    private readonly Regex? _from;
    private readonly string _replacement;
    private readonly string _metadataSuffix;

    private ModifyFilter(RuleMatcher matcher, Regex? from, string replacement, string metadataSuffix)
    {
        Matcher = matcher;
        _from = from;
        _replacement = replacement;
        _metadataSuffix = metadataSuffix;
    }

    /// <summary>Gets the matcher that selects the rules this entry changes.</summary>
    public RuleMatcher Matcher { get; }

    /// <summary>Creates a substitution filter.</summary>
    /// <param name="matcher">Selects the rules.</param>
    /// <param name="from">The pattern (case-sensitive, all occurrences are replaced).</param>
    /// <param name="replacement">The .NET replacement string.</param>
    /// <returns>The filter.</returns>
    public static ModifyFilter Substitute(RuleMatcher matcher, Regex from, string replacement) =>
        new(matcher, from, replacement, "");

    /// <summary>Creates a <c>metadata-add</c> filter.</summary>
    /// <param name="matcher">Selects the rules.</param>
    /// <param name="key">The metadata key to add.</param>
    /// <param name="value">The metadata value to add.</param>
    /// <returns>The filter.</returns>
    public static ModifyFilter AddMetadata(RuleMatcher matcher, string key, string value) =>
        new(matcher, null, "", "; metadata: " + key + " " + value + ";)");

    /// <summary>Rewrites the rule text.</summary>
    /// <param name="text">The current rule text.</param>
    /// <param name="statistics">Where regex timeouts are counted.</param>
    /// <param name="result">The new text when it changed.</param>
    /// <returns>True when the text changed.</returns>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool TryRewrite(string text, RuleManagementStatistics statistics, out string result)
    {
        result = text;
        if (_from is null)
        {
            // suricata-update: re.sub(r";\s*\)$", "; metadata: key value;)", rule)
            ReadOnlySpan<char> body = text.AsSpan().TrimEnd();
            if (body.IsEmpty || body[^1] != ')')
            {
                return false;
            }

            ReadOnlySpan<char> beforeParen = body[..^1].TrimEnd();
            if (beforeParen.IsEmpty || beforeParen[^1] != ';')
            {
                return false;
            }

            result = string.Concat(beforeParen[..^1], _metadataSuffix);
            return true;
        }

        try
        {
            // Replace re-parses its replacement whenever the GC has cleared Regex's weakly cached copy, so the common
            // no-match case is answered by IsMatch alone and stays allocation-free.
            if (!_from.IsMatch(text))
            {
                return false;
            }

            result = _from.Replace(text, _replacement);
        }
        catch (RegexMatchTimeoutException)
        {
            statistics.RegexTimeouts++;
            return false;
        }

        return !string.Equals(result, text, StringComparison.Ordinal);
    }
}
