using System.Globalization;
using System.Text.RegularExpressions;
using System.Text;

namespace RustIds.Rules.Management;

/// <summary>Turns the Python <c>re</c> syntax used in suricata-update files into .NET regexes and replacements.</summary>
/// <remarks>
/// The two dialects agree on everything rule writers use (classes, quantifiers, groups, anchors, <c>\d\w\s</c>).
/// Translated: <c>(?P&lt;name&gt;</c> to <c>(?&lt;name&gt;</c> and <c>(?P=name)</c> to <c>\k&lt;name&gt;</c>. In
/// replacements: <c>${N}</c> (Oinkmaster), <c>\N</c> and <c>\g&lt;N|name&gt;</c> become .NET group references,
/// <c>\n \t \r \a \f \v \b</c> control characters, <c>\\</c> a backslash, and a literal <c>$</c> is escaped.
/// Limit: .NET numbers named groups after unnamed ones while Python numbers all groups left to right, so a numbered
/// reference to a pattern that mixes named and unnamed groups can differ; refer to named groups by name.
/// </remarks>
internal static class PythonRegex
{
    /// <summary>Compiles a Python-syntax pattern.</summary>
    /// <param name="pattern">The Python pattern.</param>
    /// <param name="ignoreCase">Whether to match case-insensitively.</param>
    /// <param name="options">Timeout and compilation settings.</param>
    /// <param name="regex">The compiled regex on success.</param>
    /// <param name="errorOffset">0-based offset in <paramref name="pattern"/> of the error, on failure.</param>
    /// <param name="error">The error message, on failure.</param>
    /// <returns>True on success.</returns>
    public static bool TryCreate(
        string pattern, bool ignoreCase, RuleManagementOptions options, out Regex? regex, out int errorOffset,
        out string? error)
    {
        RegexOptions flags = RegexOptions.CultureInvariant;
        flags |= ignoreCase ? RegexOptions.IgnoreCase : RegexOptions.None;
        flags |= options.CompileRegexes ? RegexOptions.Compiled : RegexOptions.None;
        try
        {
            regex = new Regex(TranslatePattern(pattern), flags, options.RegexMatchTimeout);
            errorOffset = 0;
            error = null;
            return true;
        }
        catch (RegexParseException ex)
        {
            // Regex has no TryParse; operator input is validated here once, at load time.
            regex = null;
            errorOffset = Math.Clamp(ex.Offset - 1, 0, Math.Max(0, pattern.Length - 1));
            error = "bad regular expression: " + ex.Error;
            return false;
        }
    }

    /// <summary>Translates Python-only pattern syntax to .NET.</summary>
    /// <param name="pattern">The Python pattern.</param>
    /// <returns>The .NET pattern.</returns>
    public static string TranslatePattern(string pattern)
    {
        if (!pattern.Contains("(?P", StringComparison.Ordinal))
        {
            return pattern;
        }

        var builder = new StringBuilder(pattern.Length);
        for (int i = 0; i < pattern.Length; i++)
        {
            char c = pattern[i];
            if (c == '\\' && i + 1 < pattern.Length)
            {
                builder.Append(c).Append(pattern[++i]);
            }
            else if (string.CompareOrdinal(pattern, i, "(?P<", 0, 4) == 0)
            {
                builder.Append("(?<");
                i += 3;
            }
            else if (string.CompareOrdinal(pattern, i, "(?P=", 0, 4) == 0 && pattern.IndexOf(')', i) is int close and > 0)
            {
                builder.Append("\\k<").Append(pattern, i + 4, close - i - 4).Append('>');
                i = close;
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    /// <summary>Translates a Python replacement template into a .NET one, checking group references.</summary>
    /// <param name="template">The Python template (Oinkmaster <c>${N}</c> allowed).</param>
    /// <param name="regex">The regex the template goes with.</param>
    /// <param name="replacement">The .NET replacement on success.</param>
    /// <param name="errorOffset">0-based offset in <paramref name="template"/> of the error, on failure.</param>
    /// <param name="error">The error message, on failure.</param>
    /// <returns>True on success.</returns>
    public static bool TryTranslateReplacement(
        string template, Regex regex, out string replacement, out int errorOffset, out string? error)
    {
        var builder = new StringBuilder(template.Length + 8);
        replacement = "";
        errorOffset = 0;
        error = null;
        for (int i = 0; i < template.Length; i++)
        {
            char c = template[i];
            string? group = null;
            int start = i;
            if (c == '$' && i + 1 < template.Length && template[i + 1] == '{'
                && template.IndexOf('}', i + 2) is int close and > 0 && IsDigits(template.AsSpan(i + 2, close - i - 2)))
            {
                group = template[(i + 2)..close];
                i = close;
            }
            else if (c == '$')
            {
                builder.Append("$$");
                continue;
            }
            else if (c != '\\' || i + 1 == template.Length)
            {
                builder.Append(c);
                continue;
            }
            else if (char.IsAsciiDigit(template[i + 1]))
            {
                if (template[i + 1] == '0')
                {
                    (errorOffset, error) = (i, "octal escapes are not supported in replacements");
                    return false;
                }

                int length = i + 2 < template.Length && char.IsAsciiDigit(template[i + 2]) ? 2 : 1;
                group = template.Substring(i + 1, length);
                i += length;
            }
            else if (template[i + 1] == 'g')
            {
                int close2 = template.IndexOf('>', i);
                if (i + 2 >= template.Length || template[i + 2] != '<' || close2 < 0 || close2 == i + 3)
                {
                    (errorOffset, error) = (i, "bad \\g<group> reference");
                    return false;
                }

                group = template[(i + 3)..close2];
                i = close2;
            }
            else
            {
                char escaped = template[++i];
                char? control = escaped switch
                {
                    'n' => '\n', 't' => '\t', 'r' => '\r', 'a' => '\a', 'f' => '\f', 'v' => '\v', 'b' => '\b',
                    '\\' => '\\',
                    _ => null,
                };
                if (control is null && char.IsAsciiLetter(escaped))
                {
                    (errorOffset, error) = (start, "bad escape \\" + escaped + " in replacement");
                    return false;
                }

                builder.Append(control ?? '\\');
                if (control is null)
                {
                    builder.Append(escaped == '$' ? "$$" : escaped.ToString());
                }

                continue;
            }

            bool known = IsDigits(group)
                ? int.TryParse(group, NumberStyles.None, CultureInfo.InvariantCulture, out int number)
                    && Array.IndexOf(regex.GetGroupNumbers(), number) >= 0
                : regex.GroupNumberFromName(group) >= 0;
            if (!known)
            {
                (errorOffset, error) = (start, "replacement refers to group " + group + " which the pattern does not have");
                return false;
            }

            builder.Append("${").Append(group).Append('}');
        }

        replacement = builder.ToString();
        return true;
    }

    private static bool IsDigits(ReadOnlySpan<char> text) => !text.IsEmpty && !text.ContainsAnyExceptInRange('0', '9');
}
