using System.Globalization;

namespace RustIds.Rules.Pcre;

/// <summary>Translates PCRE conditional groups <c>(?(cond)yes|no)</c> whose condition .NET can express.</summary>
/// <remarks>
/// Supported: a group number, a group name (<c>&lt;n&gt;</c>, <c>'n'</c> or bare) and a lookaround assertion.
/// Recursion tests (<c>R</c>, <c>R1</c>, <c>R&amp;name</c>), <c>DEFINE</c> and relative numbers are rejected.
/// </remarks>
internal static class PcreConditional
{
    /// <summary>Called with <c>c.Pos</c> on the condition's opening parenthesis (just after <c>(?</c>).</summary>
    public static bool Open(PcreTranslator t, PatternCursor c, int groupPos)
    {
        int condPos = c.Pos;
        char k = c.Peek(1);
        if (k == '?' && (c.Peek(2) is '=' or '!' || (c.Peek(2) == '<' && c.Peek(3) is '=' or '!')))
        {
            // .NET writes the assertion condition the same way: (?(?=x)yes|no). The loop reads the assertion next.
            return t.Push(groupPos, "(?", assertion: false);
        }

        c.Pos++;
        if (char.IsAsciiDigit(k))
        {
            int n = 0;
            while (char.IsAsciiDigit(c.Peek()) && n < 100_000)
            {
                n = (n * 10) + (c.Text[c.Pos++] - '0');
            }

            if (c.Peek() != ')')
            {
                return c.Fail("malformed number in conditional group", condPos);
            }

            c.Pos++;
            t.AddConditionReference(n, condPos);
            return t.Push(groupPos, "(?(" + n.ToString(CultureInfo.InvariantCulture) + ")", assertion: false);
        }

        if (k == 'R' || c.StartsWith("DEFINE") || k is '+' or '-')
        {
            return c.Fail("recursion, DEFINE and relative conditions are not supported", condPos);
        }

        string? name = k switch
        {
            '<' => ReadNameAfter(c, '>'),
            '\'' => ReadNameAfter(c, '\''),
            _ => c.ReadName(')'),
        };
        if (name is null)
        {
            return false;
        }

        if (k is '<' or '\'')
        {
            if (c.Peek() != ')')
            {
                return c.Fail("malformed conditional group name", condPos);
            }

            c.Pos++;
        }

        if (!t.TryResolveName(name, out int number))
        {
            return c.Fail($"reference to non-existent group name '{name}'", condPos);
        }

        // number is 0 on the first pass when the group comes later; the second pass knows it.
        t.AddConditionReference(number, condPos);
        return t.Push(groupPos, "(?(" + Math.Max(number, 1).ToString(CultureInfo.InvariantCulture) + ")", assertion: false);
    }

    private static string? ReadNameAfter(PatternCursor c, char terminator)
    {
        c.Pos++;
        return c.ReadName(terminator);
    }
}
