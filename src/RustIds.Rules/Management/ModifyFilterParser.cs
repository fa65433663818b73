using System.Text.RegularExpressions;

namespace RustIds.Rules.Management;

/// <summary>Parses one modify.conf line.</summary>
/// <remarks>
/// Accepted forms (suricata-update): <c>&lt;matcher&gt; "&lt;from&gt;" "&lt;to&gt;"</c>, Oinkmaster's
/// <c>modifysid &lt;matcher&gt; "&lt;from&gt;" | "&lt;to&gt;"</c>, and
/// <c>metadata-add &lt;matcher&gt; "&lt;key&gt;" "&lt;value&gt;"</c>. Words are split like <c>shlex.split</c>; the
/// <c>from</c> regex is case-sensitive (unlike <c>re:</c> matchers) and every occurrence is replaced.
/// </remarks>
internal static class ModifyFilterParser
{
    /// <summary>Parses the line content (comment already removed).</summary>
    /// <param name="content">The line content.</param>
    /// <param name="column">The 1-based column of <paramref name="content"/> in its line.</param>
    /// <param name="options">Regex settings.</param>
    /// <param name="errorColumn">The 1-based column of the problem, on failure.</param>
    /// <param name="error">The problem, on failure.</param>
    /// <returns>The filter, or null on failure.</returns>
    public static ModifyFilter? Parse(
        string content, int column, RuleManagementOptions options, out int errorColumn, out string? error)
    {
        var tokens = new List<ShellToken>(5);
        if (!ShellTokenizer.TrySplit(content, column, tokens, out errorColumn, out error))
        {
            return null;
        }

        errorColumn = column;
        bool metadataAdd = tokens.Count > 0 && tokens[0].Value == "metadata-add";
        bool modifySid = tokens.Count > 0 && tokens[0].Value == "modifysid";
        if (metadataAdd ? tokens.Count != 4 : modifySid ? tokens.Count != 5 || tokens[3].Value != "|" : tokens.Count != 3)
        {
            error = metadataAdd ? "expected: metadata-add <matcher> \"<key>\" \"<value>\""
                : modifySid ? "expected: modifysid <matcher> \"<from>\" | \"<to>\""
                : "expected: <matcher> \"<from regex>\" \"<to>\" (check the quotes)";
            return null;
        }

        int first = metadataAdd || modifySid ? 1 : 0;
        ShellToken matcherToken = tokens[first];
        RuleMatcher? matcher = RuleMatcherParser.Parse(
            matcherToken.Value.Trim(), matcherToken.ValueColumn, options, out errorColumn, out error);
        if (matcher is null)
        {
            return null;
        }

        ShellToken from = tokens[first + 1];
        ShellToken to = tokens[^1];
        if (metadataAdd)
        {
            return ModifyFilter.AddMetadata(matcher, from.Value, to.Value);
        }

        if (from.Value.Length == 0)
        {
            (errorColumn, error) = (from.Column, "empty 'from' regular expression");
            return null;
        }

        if (!PythonRegex.TryCreate(from.Value, false, options, out Regex? regex, out int offset, out error))
        {
            errorColumn = from.ValueColumn + offset;
            return null;
        }

        if (!PythonRegex.TryTranslateReplacement(to.Value, regex!, out string replacement, out offset, out error))
        {
            errorColumn = to.ValueColumn + offset;
            return null;
        }

        return ModifyFilter.Substitute(matcher, regex!, replacement);
    }
}
