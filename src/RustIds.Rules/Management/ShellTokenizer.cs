using System.Text;

namespace RustIds.Rules.Management;

/// <summary>Splits a line into words the way Python's <c>shlex.split</c> (POSIX mode) does.</summary>
/// <remarks>
/// Outside quotes a backslash escapes the next character; inside double quotes only <c>\"</c> and <c>\\</c> are
/// escapes (any other backslash is kept, so <c>"\d+"</c> stays <c>\d+</c>); single quotes are literal. As
/// suricata-update does before splitting, <c>\$</c> becomes <c>$</c> everywhere. A <c>#</c> is an ordinary character.
/// </remarks>
internal static class ShellTokenizer
{
    /// <summary>Splits the line.</summary>
    /// <param name="line">The line.</param>
    /// <param name="firstColumn">The 1-based column of <paramref name="line"/>'s first character.</param>
    /// <param name="tokens">Receives the words.</param>
    /// <param name="errorColumn">The 1-based column of the problem, on failure.</param>
    /// <param name="error">The problem, on failure.</param>
    /// <returns>True on success.</returns>
    public static bool TrySplit(
        string line, int firstColumn, List<ShellToken> tokens, out int errorColumn, out string? error)
    {
        var word = new StringBuilder();
        int i = 0;
        while (true)
        {
            while (i < line.Length && char.IsWhiteSpace(line[i]))
            {
                i++;
            }

            if (i == line.Length)
            {
                (errorColumn, error) = (0, null);
                return true;
            }

            int start = i;
            int valueStart = line[i] is '"' or '\'' ? i + 1 : i;
            word.Clear();
            while (i < line.Length && !char.IsWhiteSpace(line[i]))
            {
                char c = line[i];
                if (c is '"' or '\'')
                {
                    int close = ReadQuoted(line, i, word);
                    if (close < 0)
                    {
                        (errorColumn, error) = (firstColumn + i, "no closing quotation");
                        return false;
                    }

                    i = close + 1;
                }
                else if (c == '\\')
                {
                    if (i + 1 == line.Length)
                    {
                        (errorColumn, error) = (firstColumn + i, "no escaped character after backslash");
                        return false;
                    }

                    word.Append(line[i + 1]);
                    i += 2;
                }
                else
                {
                    word.Append(c);
                    i++;
                }
            }

            tokens.Add(new ShellToken(word.ToString(), firstColumn + start, firstColumn + valueStart));
        }
    }

    // Appends the quoted text starting at line[open] and returns the index of the closing quote, or -1.
    private static int ReadQuoted(string line, int open, StringBuilder word)
    {
        char quote = line[open];
        for (int i = open + 1; i < line.Length; i++)
        {
            char c = line[i];
            if (c == quote)
            {
                return i;
            }

            bool hasNext = i + 1 < line.Length;
            if (c == '\\' && hasNext && line[i + 1] == '$')
            {
                word.Append('$');
                i++;
            }
            else if (c == '\\' && hasNext && quote == '"' && line[i + 1] is '"' or '\\')
            {
                word.Append(line[i + 1]);
                i++;
            }
            else
            {
                word.Append(c);
            }
        }

        return -1;
    }
}
