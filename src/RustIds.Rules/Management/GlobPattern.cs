using System.Runtime.CompilerServices;
namespace RustIds.Rules.Management;

/// <summary>A shell-style wildcard pattern (<c>*</c>, <c>?</c>, <c>[seq]</c>, <c>[!seq]</c>) as Python's fnmatch.</summary>
/// <remarks>
/// Matches the whole name, case-sensitively (fnmatch on POSIX). A <c>[</c> without a closing <c>]</c> is literal.
/// Matching allocates nothing; backtracking is limited to the last <c>*</c>, so it is linear in practice.
/// </remarks>
internal sealed class GlobPattern
{
    private readonly string _pattern;

    /// <summary>Initializes the pattern.</summary>
    /// <param name="pattern">The wildcard pattern.</param>
    public GlobPattern(string pattern) => _pattern = pattern;

    /// <summary>Checks whether <paramref name="name"/> matches the whole pattern.</summary>
    /// <param name="name">The name to test.</param>
    /// <returns>True on a match.</returns>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool IsMatch(ReadOnlySpan<char> name)
    {
        ReadOnlySpan<char> pattern = _pattern;
        int p = 0, n = 0, starP = -1, starN = 0;
        while (n < name.Length)
        {
            if (p < pattern.Length && pattern[p] == '*')
            {
                starP = ++p;
                starN = n;
                continue;
            }

            if (p < pattern.Length && MatchOne(pattern, p, name[n], out int next))
            {
                p = next;
                n++;
                continue;
            }

            if (starP < 0)
            {
                return false;
            }

            p = starP;
            n = ++starN;
        }

        while (p < pattern.Length && pattern[p] == '*')
        {
            p++;
        }

        return p == pattern.Length;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool MatchOne(ReadOnlySpan<char> pattern, int p, char c, out int next)
    {
        char token = pattern[p];
        next = p + 1;
        if (token == '?')
        {
            return true;
        }

        if (token != '[')
        {
            return token == c;
        }

        int i = p + 1;
        bool negate = i < pattern.Length && pattern[i] == '!';
        if (negate)
        {
            i++;
        }

        // A ']' right after '[' or '[!' is a member, not the end (fnmatch rule).
        int close = i < pattern.Length ? pattern[(i + 1)..].IndexOf(']') : -1;
        if (close < 0)
        {
            return c == '[';
        }

        close += i + 1;
        bool found = false;
        for (int j = i; j < close; j++)
        {
            if (j + 2 < close && pattern[j + 1] == '-')
            {
                found |= c >= pattern[j] && c <= pattern[j + 2];
                j += 2;
            }
            else
            {
                found |= c == pattern[j];
            }
        }

        next = close + 1;
        return found != negate;
    }
}
