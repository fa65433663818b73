using System.Text.RegularExpressions;

namespace RustIds.Rules.Pcre;

/// <summary>A parsed and compiled <c>pcre</c> rule option, immutable and safe to share between threads.</summary>
public sealed class PcreSpec
{
    internal PcreSpec(string pattern, string flags, bool negated, PcreBuffer buffer, PcreRuleFlags ruleFlags,
        IReadOnlyList<PcreCapture> captures, PcreTranslation translation, Regex regex)
    {
        Pattern = pattern;
        Flags = flags;
        Negated = negated;
        Buffer = buffer;
        Relative = (ruleFlags & PcreRuleFlags.Relative) != 0;
        Anchored = (ruleFlags & PcreRuleFlags.Anchored) != 0;
        EndAnchored = (ruleFlags & PcreRuleFlags.EndAnchored) != 0;
        Greedy = (ruleFlags & PcreRuleFlags.Greedy) != 0;
        NoFastPatternCheck = (ruleFlags & PcreRuleFlags.Override) != 0;
        Captures = captures;
        GroupCount = translation.GroupCount;
        GroupNames = translation.GroupNames;
        TranslatedPattern = translation.Pattern;
        Regex = regex;
    }

    /// <summary>The PCRE pattern as written between the slashes, for messages.</summary>
    public string Pattern { get; }

    /// <summary>The flag letters after the closing slash, as written.</summary>
    public string Flags { get; }

    /// <summary>True for <c>pcre:!"..."</c>: the rule needs the pattern not to match.</summary>
    public bool Negated { get; }

    /// <summary><c>R</c>: the search starts where the previous content or pcre match ended.</summary>
    public bool Relative { get; }

    /// <summary>Which buffer the pattern searches (buffer modifier letter).</summary>
    public PcreBuffer Buffer { get; }

    /// <summary><c>A</c>: the match must start at the search start.</summary>
    public bool Anchored { get; }

    /// <summary><c>E</c>: <c>$</c> matches only at the very end, not before a final newline.</summary>
    public bool EndAnchored { get; }

    /// <summary><c>G</c>: quantifiers are lazy unless followed by <c>?</c> (PCRE_UNGREEDY); already translated.</summary>
    public bool Greedy { get; }

    /// <summary><c>O</c>: the rule asks to override the configured match limits; recorded, the time limit still applies.</summary>
    public bool NoFastPatternCheck { get; }

    /// <summary>Capture groups stored into packet, flow, transaction or alert variables on a match.</summary>
    public IReadOnlyList<PcreCapture> Captures { get; }

    /// <summary>Number of capturing groups in the pattern.</summary>
    public int GroupCount { get; }

    /// <summary>Named groups of the pattern and their PCRE (= .NET) group numbers.</summary>
    public IReadOnlyDictionary<string, int> GroupNames { get; }

    /// <summary>The .NET pattern the PCRE text was rewritten to.</summary>
    public string TranslatedPattern { get; }

    /// <summary>The compiled regular expression; apply it to a Latin-1 view of the bytes (byte b = char b).</summary>
    public Regex Regex { get; }
}
