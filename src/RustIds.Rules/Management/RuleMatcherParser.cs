using System.Globalization;
using System.Text.RegularExpressions;

namespace RustIds.Rules.Management;

/// <summary>Parses one matcher string (a line of enable/disable/drop.conf, or the first token of modify.conf).</summary>
/// <remarks>
/// Tried in suricata-update's order: <c>*</c>, id list, <c>re:</c>, <c>filename:</c>, <c>group:</c> or a bare
/// name ending in <c>.rules</c>, <c>metadata:</c>. Deliberate differences: an empty <c>re:</c> is an error (it would
/// select every rule; write <c>*</c> for that) and a malformed id list entry is an error instead of being ignored.
/// </remarks>
internal static class RuleMatcherParser
{
    /// <summary>Parses a matcher.</summary>
    /// <param name="text">The matcher text, trimmed.</param>
    /// <param name="column">The 1-based column of <paramref name="text"/> in its line.</param>
    /// <param name="options">Regex settings.</param>
    /// <param name="errorColumn">The 1-based column of the problem, on failure.</param>
    /// <param name="error">The problem, on failure.</param>
    /// <returns>The matcher, or null on failure.</returns>
    public static RuleMatcher? Parse(
        string text, int column, RuleManagementOptions options, out int errorColumn, out string? error)
    {
        errorColumn = column;
        error = null;
        if (text == "*")
        {
            return RuleMatcher.All();
        }

        if (text.Length > 0 && char.IsAsciiDigit(text[0]))
        {
            RuleMatcher? ids = ParseIds(text, column, out errorColumn, out error);
            if (ids is not null || !text.EndsWith(".rules", StringComparison.Ordinal))
            {
                return ids;
            }

            (errorColumn, error) = (column, null); // e.g. "3coresec.rules": a group after all
        }

        if (text.StartsWith("re:", StringComparison.Ordinal))
        {
            return ParseRegex(text, column, options, out errorColumn, out error);
        }

        if (TryValue(text, "filename:", column, out string? pattern, out errorColumn, out error))
        {
            return pattern is null ? null : RuleMatcher.ForFile(RuleMatcherKind.Filename, pattern);
        }

        if (TryValue(text, "group:", column, out pattern, out errorColumn, out error))
        {
            return pattern is null ? null : RuleMatcher.ForFile(RuleMatcherKind.Group, pattern);
        }

        if (text.EndsWith(".rules", StringComparison.Ordinal))
        {
            return RuleMatcher.ForFile(RuleMatcherKind.Group, text);
        }

        if (TryValue(text, "metadata:", column, out string? metadata, out errorColumn, out error))
        {
            int space = metadata?.IndexOf(' ') ?? -1;
            if (metadata is not null && space < 0)
            {
                error = "metadata matcher needs 'metadata: key value'";
            }

            return space < 0 ? null : RuleMatcher.ForMetadata(metadata![..space], metadata[(space + 1)..].Trim());
        }

        error = "unknown matcher (expected *, [gid:]sid[:rev], re:, group:, filename:, metadata: or a *.rules name)";
        return null;
    }

    private static RuleMatcher? ParseIds(string text, int column, out int errorColumn, out string? error)
    {
        var ids = new List<RuleId>();
        int offset = 0;
        foreach (string entry in text.Split(','))
        {
            errorColumn = column + offset + (entry.Length - entry.TrimStart().Length);
            offset += entry.Length + 1;
            string[] parts = entry.Trim().Split(':');
            long gid = parts.Length > 1 ? RuleText.ParseId(parts[0]) : 1;
            long sid = RuleText.ParseId(parts[parts.Length > 1 ? 1 : 0]);
            long rev = parts.Length == 3 ? RuleText.ParseId(parts[2]) : RuleId.AnyRev;
            if (parts.Length > 3 || gid < 0 || sid < 0 || (parts.Length == 3 && rev < 0))
            {
                error = "bad rule id '" + entry.Trim() + "' (expected sid, gid:sid or gid:sid:rev)";
                return null;
            }

            ids.Add(new RuleId(gid, sid, rev));
        }

        errorColumn = column;
        error = null;
        return RuleMatcher.ForIds([.. ids]);
    }

    private static RuleMatcher? ParseRegex(
        string text, int column, RuleManagementOptions options, out int errorColumn, out string? error)
    {
        string raw = text[3..];
        string pattern = raw.Trim();
        int patternColumn = column + 3 + (raw.Length - raw.TrimStart().Length);
        if (pattern.Length == 0)
        {
            (errorColumn, error) = (patternColumn, "empty regular expression (use * to select every rule)");
            return null;
        }

        if (!PythonRegex.TryCreate(pattern, true, options, out Regex? regex, out int offset, out error))
        {
            errorColumn = patternColumn + offset;
            return null;
        }

        errorColumn = column;
        return RuleMatcher.ForRegex(regex!);
    }

    // Returns true when text starts with the prefix; value is null (with an error) when nothing follows it.
    private static bool TryValue(
        string text, string prefix, int column, out string? value, out int errorColumn, out string? error)
    {
        value = null;
        errorColumn = column;
        error = null;
        if (!text.StartsWith(prefix, StringComparison.Ordinal))
        {
            return false;
        }

        string rest = text[prefix.Length..].Trim();
        if (rest.Length == 0)
        {
            errorColumn = column + prefix.Length;
            error = string.Create(CultureInfo.InvariantCulture, $"'{prefix}' needs a value");
            return true;
        }

        value = rest;
        return true;
    }
}
