namespace RustIds.Rules.Management;

/// <summary>Splits a rule management file into meaningful lines.</summary>
/// <remarks>
/// As suricata-update: blank lines and lines starting with <c>#</c> are skipped, and a <c>#</c> preceded by a blank
/// starts a trailing comment. In modify.conf a <c>#</c> inside quotes is kept (suricata-update would cut the line
/// there and then fail on the unbalanced quote).
/// </remarks>
internal static class ConfLineReader
{
    /// <summary>Reads the meaningful lines of a file.</summary>
    /// <param name="text">The file contents.</param>
    /// <param name="quoteAware">Whether quotes protect <c>#</c> from starting a comment.</param>
    /// <returns>The lines in order.</returns>
    public static List<ConfLine> Read(string text, bool quoteAware)
    {
        var lines = new List<ConfLine>();
        int lineNumber = 0;
        foreach (Range range in text.AsSpan().Split('\n'))
        {
            lineNumber++;
            ReadOnlySpan<char> line = text.AsSpan()[range];
            int start = 0;
            while (start < line.Length && char.IsWhiteSpace(line[start]))
            {
                start++;
            }

            if (start == line.Length || line[start] == '#')
            {
                continue;
            }

            ReadOnlySpan<char> content = line[start..];
            content = content[..CommentStart(content, quoteAware)].TrimEnd();
            lines.Add(new ConfLine(lineNumber, start + 1, content.ToString()));
        }

        return lines;
    }

    private static int CommentStart(ReadOnlySpan<char> content, bool quoteAware)
    {
        char quote = '\0';
        for (int i = 0; i < content.Length; i++)
        {
            char c = content[i];
            if (quoteAware && quote != '\0')
            {
                if (c == '\\' && quote == '"')
                {
                    i++;
                }
                else if (c == quote)
                {
                    quote = '\0';
                }
            }
            else if (quoteAware && c is '"' or '\'')
            {
                quote = c;
            }
            else if (c == '#' && i > 0 && char.IsWhiteSpace(content[i - 1]))
            {
                return i;
            }
        }

        return content.Length;
    }
}
