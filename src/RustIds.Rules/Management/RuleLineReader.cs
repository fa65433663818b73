using System.Text;

namespace RustIds.Rules.Management;

/// <summary>Reads a rule file's text into <see cref="RuleLine"/>s: active rules and commented-out rules.</summary>
/// <remarks>
/// <list type="bullet">
/// <item>Blank lines and comments that are not rules are skipped.</item>
/// <item>A line whose first non-blank character is <c>#</c> is a commented-out rule (<c>#alert</c>, <c># alert</c>,
/// <c>## alert</c>) when what follows the <c>#</c> and blanks starts with a rule action and has an option list
/// ending in <c>)</c>; it becomes <c>Enabled = false</c> with the <c>#</c> characters removed.</item>
/// <item>Every other non-blank line becomes an active line, even if it is not a valid rule, so that the rule
/// parser reports it with its file and line instead of it vanishing silently.</item>
/// <item>A line ending with a backslash continues on the next line; the backslash is removed and the lines are
/// joined as Suricata does, and <see cref="RuleLine.Line"/> is the first line.</item>
/// </list>
/// </remarks>
public static class RuleLineReader
{
    /// <summary>Reads rule lines from the text of one rule file.</summary>
    /// <param name="text">The file contents.</param>
    /// <param name="file">The file name or path recorded in each <see cref="RuleLine"/>.</param>
    /// <returns>The rule lines in file order (lazily).</returns>
    public static IEnumerable<RuleLine> Read(string text, string file)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(file);
        return ReadLines(text, file);
    }

    private static IEnumerable<RuleLine> ReadLines(string text, string file)
    {
        int lineNumber = 0;
        int position = 0;
        StringBuilder? continued = null;
        int firstLine = 0;
        while (position < text.Length)
        {
            int newline = text.IndexOf('\n', position);
            int end = newline < 0 ? text.Length : newline;
            string line = text[position..end].TrimEnd('\r');
            position = end + 1;
            lineNumber++;

            string trimmedEnd = line.TrimEnd();
            if (trimmedEnd.EndsWith('\\'))
            {
                continued ??= new StringBuilder();
                if (continued.Length == 0)
                {
                    firstLine = lineNumber;
                }

                continued.Append(trimmedEnd, 0, trimmedEnd.Length - 1);
                continue;
            }

            int startLine = lineNumber;
            if (continued is { Length: > 0 })
            {
                line = continued.Append(line).ToString();
                continued.Clear();
                startLine = firstLine;
            }

            RuleLine? rule = Classify(line, file, startLine);
            if (rule is not null)
            {
                yield return rule;
            }
        }

        if (continued is { Length: > 0 })
        {
            // A file that ends inside a continuation: keep what there is so the parser can report it.
            RuleLine? rule = Classify(continued.ToString(), file, firstLine);
            if (rule is not null)
            {
                yield return rule;
            }
        }
    }

    private static RuleLine? Classify(string line, string file, int lineNumber)
    {
        ReadOnlySpan<char> span = line.AsSpan().Trim();
        if (span.IsEmpty)
        {
            return null;
        }

        if (span[0] != '#')
        {
            return new RuleLine(file, lineNumber, span.Length == line.Length ? line : span.ToString(), true);
        }

        // Strip every leading '#' and blank, as suricata-update's "^#*[\s#]*" does.
        int start = 0;
        while (start < span.Length && (span[start] == '#' || char.IsWhiteSpace(span[start])))
        {
            start++;
        }

        ReadOnlySpan<char> body = span[start..];
        return RuleText.LooksLikeRule(body) ? new RuleLine(file, lineNumber, body.ToString(), false) : null;
    }
}
