using System.Globalization;

namespace RustIds.Rules.Pcre;

/// <summary>Reads brace quantifiers <c>{n}</c>, <c>{n,}</c>, <c>{n,m}</c> and <c>{,m}</c>.</summary>
internal static class PcreQuantifier
{
    /// <summary>PCRE's largest repeat count.</summary>
    private const int MaxRepeat = 65_535;

    /// <summary>
    /// True when the <c>{</c> at <c>c.Pos</c> starts a quantifier; then <paramref name="text"/> is its .NET form
    /// (or null after a recorded error) and the cursor is past it. False: the brace is a literal.
    /// </summary>
    /// <remarks><c>{,m}</c> is read as <c>{0,m}</c> like PCRE2 10.43 and Perl 5.34; older PCRE took it literally.</remarks>
    public static bool TryRead(PatternCursor c, out string? text)
    {
        text = null;
        int start = c.Pos;
        int i = start + 1;
        string s = c.Text;
        int minStart = i;
        while (i < s.Length && char.IsAsciiDigit(s[i]))
        {
            i++;
        }

        int minEnd = i;
        bool comma = i < s.Length && s[i] == ',';
        int maxStart = comma ? i + 1 : i;
        i = maxStart;
        while (i < s.Length && char.IsAsciiDigit(s[i]))
        {
            i++;
        }

        int maxEnd = i;
        if (i >= s.Length || s[i] != '}' || (minEnd == minStart && maxEnd == maxStart) || (minEnd == minStart && !comma))
        {
            return false;
        }

        c.Pos = i + 1;
        int min = minEnd == minStart ? 0 : Parse(s, minStart, minEnd);
        int max = maxEnd == maxStart ? -1 : Parse(s, maxStart, maxEnd);
        if (min > MaxRepeat || max > MaxRepeat)
        {
            c.Fail("number too big in {} quantifier", start);
            return true;
        }

        if (max >= 0 && max < min)
        {
            c.Fail("numbers out of order in {} quantifier", start);
            return true;
        }

        string minText = min.ToString(CultureInfo.InvariantCulture);
        text = !comma ? "{" + minText + "}"
            : max < 0 ? "{" + minText + ",}"
            : "{" + minText + "," + max.ToString(CultureInfo.InvariantCulture) + "}";
        return true;
    }

    private static int Parse(string s, int from, int to)
    {
        long v = 0;
        for (int i = from; i < to && v <= MaxRepeat; i++)
        {
            v = (v * 10) + (s[i] - '0');
        }

        return (int)Math.Min(v, MaxRepeat + 1);
    }
}
