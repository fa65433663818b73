using System.Text.RegularExpressions;

namespace RustIds.Rules.Pcre;

/// <summary>Parses the value of a Snort/Suricata <c>pcre</c> rule option and compiles it to a .NET regex.</summary>
/// <remarks>
/// Accepted form: optional <c>!</c>, a double-quoted <c>/pattern/flags</c>, then optionally a Suricata capture list
/// (<c>, flow:name, pkt:name</c>). Backslash sequences inside the quotes (<c>\"</c>, <c>\;</c>) are left in the
/// pattern, where PCRE reads them as the literal characters. Rule loading only: allocates freely.
/// </remarks>
public static class PcreParser
{
    /// <summary>Parses and compiles a pcre option value with <see cref="PcreOptions.Default"/>.</summary>
    /// <param name="value">The raw option value after <c>pcre:</c> (quotes and escapes as in the rule text).</param>
    /// <param name="spec">The parsed option, or null on failure.</param>
    /// <param name="error">Why the value was rejected, or null.</param>
    /// <param name="errorOffset">Index into <paramref name="value"/> of the offending character, or -1.</param>
    /// <returns>True when the option was parsed and compiled.</returns>
    public static bool TryParse(string value, out PcreSpec? spec, out string? error, out int errorOffset) =>
        TryParse(value, PcreOptions.Default, out spec, out error, out errorOffset);

    /// <summary>Parses and compiles a pcre option value.</summary>
    /// <param name="value">The raw option value after <c>pcre:</c> (quotes and escapes as in the rule text).</param>
    /// <param name="options">Match timeout, compile mode and pattern length limit.</param>
    /// <param name="spec">The parsed option, or null on failure.</param>
    /// <param name="error">Why the value was rejected, or null.</param>
    /// <param name="errorOffset">Index into <paramref name="value"/> of the offending character, or -1.</param>
    /// <returns>True when the option was parsed and compiled.</returns>
    public static bool TryParse(string value, PcreOptions options, out PcreSpec? spec, out string? error, out int errorOffset)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(options);
        spec = null;
        error = null;
        errorOffset = -1;
        int i = SkipSpace(value, 0);
        bool negated = i < value.Length && value[i] == '!';
        if (negated)
        {
            i = SkipSpace(value, i + 1);
        }

        if (i >= value.Length || value[i] != '"')
        {
            return Fail("pcre value must be a double-quoted \"/pattern/flags\"", i, out error, out errorOffset);
        }

        int open = i;
        int close = FindClosingQuote(value, open + 1);
        if (close < 0)
        {
            return Fail("unterminated quoted string", open, out error, out errorOffset);
        }

        int bodyStart = open + 1;
        if (close == bodyStart || value[bodyStart] != '/')
        {
            return Fail("pattern must start with '/'", bodyStart, out error, out errorOffset);
        }

        // Suricata puts the capture list inside the quotes: "/(.+)/R, flow:name, pkt:other".
        int bodyEnd = PcreCaptureParser.FindListStart(value, bodyStart, close);
        int last = value.LastIndexOf('/', bodyEnd - 1, bodyEnd - bodyStart);
        if (last == bodyStart || IsEscaped(value, last, bodyStart))
        {
            return Fail("missing terminating '/' after the pattern", bodyEnd - 1, out error, out errorOffset);
        }

        int patternStart = bodyStart + 1;
        string pattern = value[patternStart..last];
        string flagText = value[(last + 1)..bodyEnd];
        if (pattern.Length == 0)
        {
            return Fail("empty pattern", patternStart, out error, out errorOffset);
        }

        if (pattern.Length > options.MaxPatternLength)
        {
            return Fail("pattern is longer than MaxPatternLength", patternStart, out error, out errorOffset);
        }

        if (!PcreFlagParser.TryParse(flagText, out var patternFlags, out var ruleFlags, out var buffer, out error, out int flagPos))
        {
            errorOffset = last + 1 + flagPos;
            return false;
        }

        var translation = PcreTranslator.Translate(pattern, patternFlags, (ruleFlags & PcreRuleFlags.Anchored) != 0,
            out error, out int patternError);
        if (translation is null)
        {
            errorOffset = patternStart + patternError;
            return false;
        }

        if (!PcreCaptureParser.TryParse(value, bodyEnd, close, translation, out var captures, out error, out errorOffset))
        {
            return false;
        }

        var regexOptions = RegexOptions.CultureInvariant |
            (options.CompileMode == PcreCompileMode.Compiled ? RegexOptions.Compiled : RegexOptions.None);
        Regex regex;
        try
        {
            regex = new Regex(translation.Pattern, regexOptions, options.MatchTimeout);
        }
        catch (RegexParseException ex)
        {
            int at = Math.Clamp(ex.Offset - 1, 0, translation.SourceOffsets.Length - 1);
            return Fail($"invalid regular expression: {ex.Error}", patternStart + translation.SourceOffsets[at],
                out error, out errorOffset);
        }

        if (options.CompileMode == PcreCompileMode.Compiled)
        {
            WarmUp(regex);
        }

        spec = new PcreSpec(pattern, flagText, negated, buffer, ruleFlags, captures, translation, regex);
        return true;
    }

    /// <summary>Runs a compiled regex once so its IL is JIT-compiled at load time, not inside the first match's time limit.</summary>
    /// <remarks>Measured: a large ET pattern spent more than 100 ms in JIT on its first match and timed out.</remarks>
    private static void WarmUp(Regex regex)
    {
        try
        {
            regex.IsMatch(WarmUpSubject);
        }
        catch (RegexMatchTimeoutException)
        {
            // The JIT work is done either way; the load itself never fails on this.
        }
    }

    private static readonly string WarmUpSubject = BuildWarmUpSubject();

    private static string BuildWarmUpSubject()
    {
        var chars = new char[512];
        for (int i = 0; i < chars.Length; i++)
        {
            chars[i] = (char)(i & 0xff);
        }

        return new string(chars);
    }

    /// <summary>The last unescaped quote: like Suricata, an unescaped quote inside the pattern is kept as a literal.</summary>
    private static int FindClosingQuote(string value, int from)
    {
        for (int k = value.Length - 1; k >= from; k--)
        {
            if (value[k] == '"' && !IsEscaped(value, k, from))
            {
                return k;
            }
        }

        return -1;
    }

    private static bool IsEscaped(string value, int index, int floor)
    {
        int backslashes = 0;
        for (int k = index - 1; k >= floor && value[k] == '\\'; k--)
        {
            backslashes++;
        }

        return (backslashes & 1) == 1;
    }

    internal static int SkipSpace(string value, int i)
    {
        while (i < value.Length && char.IsWhiteSpace(value[i]))
        {
            i++;
        }

        return i;
    }

    internal static bool Fail(string message, int offset, out string? error, out int errorOffset)
    {
        error = message;
        errorOffset = offset;
        return false;
    }
}
