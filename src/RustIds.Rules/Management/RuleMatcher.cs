using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;

namespace RustIds.Rules.Management;

/// <summary>One parsed matcher: decides whether a rule is selected.</summary>
/// <remarks>One class with a kind switch rather than a hierarchy: the set of kinds is closed and small.</remarks>
internal sealed class RuleMatcher
{
    private readonly GlobPattern? _glob;
    private readonly Regex? _regex;
    private readonly string _metadataKey;
    private readonly string _metadataValue;
    private string? _cachedFile;
    private bool _cachedFileResult;

    private RuleMatcher(RuleMatcherKind kind, RuleId[] ids, Regex? regex, GlobPattern? glob, string key, string value)
    {
        Kind = kind;
        Ids = ids;
        _regex = regex;
        _glob = glob;
        _metadataKey = key;
        _metadataValue = value;
    }

    /// <summary>Gets the matcher kind.</summary>
    public RuleMatcherKind Kind { get; }

    /// <summary>Gets the ids of an <see cref="RuleMatcherKind.Ids"/> matcher (empty otherwise).</summary>
    public RuleId[] Ids { get; }

    /// <summary>Creates a matcher for every rule.</summary>
    /// <returns>The matcher.</returns>
    public static RuleMatcher All() => new(RuleMatcherKind.All, [], null, null, "", "");

    /// <summary>Creates an id list matcher.</summary>
    /// <param name="ids">The ids; <see cref="RuleId.AnyRev"/> as revision matches every revision.</param>
    /// <returns>The matcher.</returns>
    public static RuleMatcher ForIds(RuleId[] ids) => new(RuleMatcherKind.Ids, ids, null, null, "", "");

    /// <summary>Creates a regex matcher.</summary>
    /// <param name="regex">The compiled case-insensitive regex.</param>
    /// <returns>The matcher.</returns>
    public static RuleMatcher ForRegex(Regex regex) => new(RuleMatcherKind.Regex, [], regex, null, "", "");

    /// <summary>Creates a file name or group matcher.</summary>
    /// <param name="kind"><see cref="RuleMatcherKind.Filename"/> or <see cref="RuleMatcherKind.Group"/>.</param>
    /// <param name="pattern">The wildcard pattern.</param>
    /// <returns>The matcher.</returns>
    public static RuleMatcher ForFile(RuleMatcherKind kind, string pattern) =>
        new(kind, [], null, new GlobPattern(pattern), "", "");

    /// <summary>Creates a metadata matcher.</summary>
    /// <param name="key">The metadata key.</param>
    /// <param name="value">The metadata value.</param>
    /// <returns>The matcher.</returns>
    public static RuleMatcher ForMetadata(string key, string value) =>
        new(RuleMatcherKind.Metadata, [], null, null, key, value);

    /// <summary>Checks whether the rule is selected.</summary>
    /// <param name="file">The rule's file.</param>
    /// <param name="text">The rule's current text.</param>
    /// <param name="facts">What the scanner found in <paramref name="text"/>.</param>
    /// <param name="statistics">Where regex timeouts are counted.</param>
    /// <returns>True when the rule is selected.</returns>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool IsMatch(string file, string text, in RuleFacts facts, RuleManagementStatistics statistics)
    {
        switch (Kind)
        {
            case RuleMatcherKind.All:
                return true;
            case RuleMatcherKind.Ids:
                return MatchesIds(facts);
            case RuleMatcherKind.Regex:
                return MatchesRegex(text, statistics);
            case RuleMatcherKind.Metadata:
                return RuleText.HasMetadata(text, facts, _metadataKey, _metadataValue);
            default:
                // Rules arrive file by file: remember the answer for the last file seen.
                if (!ReferenceEquals(file, _cachedFile))
                {
                    _cachedFileResult = MatchesFile(file);
                    _cachedFile = file;
                }

                return _cachedFileResult;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool MatchesIds(in RuleFacts facts)
    {
        if (!facts.HasSid)
        {
            return false;
        }

        foreach (RuleId id in Ids)
        {
            if (id.Gid == facts.Gid && id.Sid == facts.Sid && (id.Rev == RuleId.AnyRev || id.Rev == facts.Rev))
            {
                return true;
            }
        }

        return false;
    }

    private bool MatchesRegex(string text, RuleManagementStatistics statistics)
    {
        try
        {
            return _regex!.IsMatch(text);
        }
        catch (RegexMatchTimeoutException)
        {
            // A runaway operator pattern: treat as no match and count it rather than stall the load.
            statistics.RegexTimeouts++;
            return false;
        }
    }

    private bool MatchesFile(string file)
    {
        if (Kind == RuleMatcherKind.Filename)
        {
            return _glob!.IsMatch(file);
        }

        ReadOnlySpan<char> baseName = Path.GetFileName(file.AsSpan());
        if (_glob!.IsMatch(baseName))
        {
            return true;
        }

        ReadOnlySpan<char> withoutExtension = Path.GetFileNameWithoutExtension(baseName);
        return withoutExtension.Length != baseName.Length && _glob.IsMatch(withoutExtension);
    }
}
