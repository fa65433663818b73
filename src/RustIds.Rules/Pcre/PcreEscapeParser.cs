namespace RustIds.Rules.Pcre;

/// <summary>Reads PCRE backslash sequences (outside and inside character classes) without UTF or UCP.</summary>
internal static class PcreEscapeParser
{
    // \b and \B over ASCII word characters: .NET's own \b uses Unicode letters (é, ª ...), PCRE without UCP does not.
    private const string WordChar = "[0-9A-Z_a-z]";
    internal const string WordBoundary = "(?:(?<=" + WordChar + ")(?!" + WordChar + ")|(?<!" + WordChar + ")(?=" + WordChar + "))";
    internal const string NotWordBoundary = "(?:(?<=" + WordChar + ")(?=" + WordChar + ")|(?<!" + WordChar + ")(?!" + WordChar + "))";

    // \R without UTF: CRLF as one unit, or one of LF VT FF CR NEL.
    private const string AnyNewline = "(?>\\r\\n|[\\n\\x0b\\x0c\\r\\x85])";

    /// <summary>Reads the escape at <c>c.Pos</c> (which holds the backslash) and advances past it.</summary>
    /// <param name="c">Cursor positioned on the backslash.</param>
    /// <param name="inClass">True inside <c>[...]</c>, where <c>\b</c> is backspace and digits are always octal.</param>
    /// <param name="groupsSoFar">Capturing groups opened before this point (PCRE's back reference versus octal rule).</param>
    /// <param name="escape">What the sequence stands for.</param>
    /// <returns>False with <c>c.Error</c> set when the sequence is invalid or not supported.</returns>
    public static bool Read(PatternCursor c, bool inClass, int groupsSoFar, out PcreEscape escape)
    {
        escape = default;
        int start = c.Pos;
        c.Pos++;
        if (c.AtEnd)
        {
            return c.Fail("\\ at end of pattern", start);
        }

        char ch = c.Text[c.Pos++];
        switch (ch)
        {
            case 'a': escape = PcreEscape.Byte(0x07); return true;
            case 'e': escape = PcreEscape.Byte(0x1b); return true;
            case 'f': escape = PcreEscape.Byte(0x0c); return true;
            case 'n': escape = PcreEscape.Byte(0x0a); return true;
            case 'r': escape = PcreEscape.Byte(0x0d); return true;
            case 't': escape = PcreEscape.Byte(0x09); return true;
            case 'd': escape = PcreEscape.OfSet(ByteSet.Digits); return true;
            case 'D': escape = PcreEscape.OfSet(ByteSet.Digits.Complement()); return true;
            case 'w': escape = PcreEscape.OfSet(ByteSet.Word); return true;
            case 'W': escape = PcreEscape.OfSet(ByteSet.Word.Complement()); return true;
            case 's': escape = PcreEscape.OfSet(ByteSet.Space); return true;
            case 'S': escape = PcreEscape.OfSet(ByteSet.Space.Complement()); return true;
            case 'h': escape = PcreEscape.OfSet(ByteSet.HorizontalSpace); return true;
            case 'H': escape = PcreEscape.OfSet(ByteSet.HorizontalSpace.Complement()); return true;
            case 'v': escape = PcreEscape.OfSet(ByteSet.VerticalSpace); return true;
            case 'V': escape = PcreEscape.OfSet(ByteSet.VerticalSpace.Complement()); return true;
            case 'Q': escape = PcreEscape.Of(PcreEscapeKind.QuoteStart); return true;
            case 'E': escape = PcreEscape.Of(PcreEscapeKind.Nothing); return true;
            case 'x': return ReadHex(c, start, out escape);
            case 'o': return ReadBracedOctal(c, start, out escape);
            case 'c': return ReadControl(c, start, out escape);
            case '0': escape = PcreEscape.Byte(ReadOctalDigits(c, 0, 2)); return true;
            case >= '1' and <= '9': return ReadDigits(c, start, inClass, groupsSoFar, out escape);
            default: break;
        }

        if (!char.IsAsciiLetterOrDigit(ch))
        {
            if (ch >= 0x80)
            {
                // An escaped non-ASCII character is still its UTF-8 bytes; let the caller read them as literals.
                c.Pos = start + 1;
                escape = PcreEscape.Of(PcreEscapeKind.Nothing);
                return true;
            }

            escape = PcreEscape.Byte(ch);
            return true;
        }

        return inClass ? ReadClassOnlyLetter(c, ch, start, out escape) : ReadOutsideLetter(c, ch, start, out escape);
    }

    private static bool ReadClassOnlyLetter(PatternCursor c, char ch, int start, out PcreEscape escape)
    {
        escape = default;
        if (ch == 'b')
        {
            escape = PcreEscape.Byte(0x08);
            return true;
        }

        return c.Fail($"escape \\{ch} is not allowed in a character class", start);
    }

    private static bool ReadOutsideLetter(PatternCursor c, char ch, int start, out PcreEscape escape)
    {
        escape = default;
        switch (ch)
        {
            case 'b': escape = PcreEscape.Of(PcreEscapeKind.Assertion, WordBoundary); return true;
            case 'B': escape = PcreEscape.Of(PcreEscapeKind.Assertion, NotWordBoundary); return true;
            case 'A': escape = PcreEscape.Of(PcreEscapeKind.Assertion, "\\A"); return true;
            case 'z': escape = PcreEscape.Of(PcreEscapeKind.Assertion, "\\z"); return true;
            case 'Z': escape = PcreEscape.Of(PcreEscapeKind.Assertion, "\\Z"); return true;
            case 'G': escape = PcreEscape.Of(PcreEscapeKind.Assertion, "\\G"); return true;
            case 'R': escape = PcreEscape.Of(PcreEscapeKind.Atom, AnyNewline); return true;
            case 'N' when c.Peek() != '{':
                escape = PcreEscape.OfSet(ByteSet.Single('\n').Complement());
                return true;
            case 'g': return ReadG(c, start, out escape);
            case 'k': return ReadK(c, start, out escape);
            case 'K': return c.Fail("\\K (reset match start) is not supported", start);
            case 'C': return c.Fail("\\C (single code unit) is not supported", start);
            case 'X': return c.Fail("\\X (extended grapheme cluster) is not supported", start);
            case 'p' or 'P': return c.Fail($"\\{ch} Unicode property escapes are not supported", start);
            default: return c.Fail($"unrecognized escape \\{ch}", start);
        }
    }

    private static bool ReadHex(PatternCursor c, int start, out PcreEscape escape)
    {
        escape = default;
        int value = 0;
        if (c.Peek() == '{')
        {
            c.Pos++;
            int digits = 0;
            while (char.IsAsciiHexDigit(c.Peek()))
            {
                value = Math.Min((value << 4) | HexValue(c.Text[c.Pos++]), 0x1_0000);
                digits++;
            }

            if (digits == 0 || c.Peek() != '}')
            {
                return c.Fail("malformed \\x{...} escape", start);
            }

            c.Pos++;
        }
        else
        {
            for (int i = 0; i < 2 && char.IsAsciiHexDigit(c.Peek()); i++)
            {
                value = (value << 4) | HexValue(c.Text[c.Pos++]);
            }
        }

        if (value > 0xff)
        {
            return c.Fail("character code above \\xff needs UTF mode, which rules do not use", start);
        }

        escape = PcreEscape.Byte(value);
        return true;
    }

    private static bool ReadBracedOctal(PatternCursor c, int start, out PcreEscape escape)
    {
        escape = default;
        if (c.Peek() != '{')
        {
            return c.Fail("\\o must be followed by {octal digits}", start);
        }

        c.Pos++;
        int value = 0;
        int digits = 0;
        while (c.Peek() is >= '0' and <= '7')
        {
            value = Math.Min((value << 3) | (c.Text[c.Pos++] - '0'), 0x1_0000);
            digits++;
        }

        if (digits == 0 || c.Peek() != '}')
        {
            return c.Fail("malformed \\o{...} escape", start);
        }

        c.Pos++;
        if (value > 0xff)
        {
            return c.Fail("octal value above \\377 needs UTF mode, which rules do not use", start);
        }

        escape = PcreEscape.Byte(value);
        return true;
    }

    private static bool ReadControl(PatternCursor c, int start, out PcreEscape escape)
    {
        escape = default;
        char x = c.Peek();
        if (x is < (char)0x20 or > (char)0x7e)
        {
            return c.Fail("\\c must be followed by a printable ASCII character", start);
        }

        c.Pos++;
        escape = PcreEscape.Byte(char.ToUpperInvariant(x) ^ 0x40);
        return true;
    }

    /// <summary>\1..\9 and longer numbers: back reference or octal by PCRE's rule.</summary>
    private static bool ReadDigits(PatternCursor c, int start, bool inClass, int groupsSoFar, out PcreEscape escape)
    {
        escape = default;
        int digitsStart = start + 1;
        if (!inClass)
        {
            c.Pos = digitsStart;
            int n = 0;
            while (char.IsAsciiDigit(c.Peek()) && n < 100_000)
            {
                n = (n * 10) + (c.Text[c.Pos++] - '0');
            }

            // PCRE: a number below 10, or one not above the count of groups opened so far, is a back reference.
            if (n < 10 || n <= groupsSoFar)
            {
                escape = PcreEscape.Of(PcreEscapeKind.BackReference, value: n);
                return true;
            }

            c.Pos = digitsStart;
        }

        if (c.Text[digitsStart] is '8' or '9')
        {
            return c.Fail("\\8 and \\9 are neither octal nor an existing back reference", start);
        }

        c.Pos = digitsStart;
        int value = ReadOctalDigits(c, 0, 3);
        if (value > 0xff)
        {
            return c.Fail("octal value above \\377 needs UTF mode, which rules do not use", start);
        }

        escape = PcreEscape.Byte(value);
        return true;
    }

    private static int ReadOctalDigits(PatternCursor c, int value, int max)
    {
        for (int i = 0; i < max && c.Peek() is >= '0' and <= '7'; i++)
        {
            value = (value << 3) | (c.Text[c.Pos++] - '0');
        }

        return value;
    }

    /// <summary>\g{n} \gn \g{-n} \g-n \g{name}: back references; \g&lt;..&gt; and \g'..' are subroutine calls.</summary>
    private static bool ReadG(PatternCursor c, int start, out PcreEscape escape)
    {
        escape = default;
        char open = c.Peek();
        if (open is '<' or '\'')
        {
            return c.Fail("\\g subroutine calls (recursion) are not supported", start);
        }

        bool braced = open == '{';
        if (braced)
        {
            c.Pos++;
        }

        bool negative = c.Peek() == '-';
        if (negative || c.Peek() == '+')
        {
            if (c.Peek() == '+')
            {
                return c.Fail("\\g+n forward relative references are not supported", start);
            }

            c.Pos++;
        }

        if (char.IsAsciiDigit(c.Peek()))
        {
            int n = 0;
            while (char.IsAsciiDigit(c.Peek()) && n < 100_000)
            {
                n = (n * 10) + (c.Text[c.Pos++] - '0');
            }

            if (braced && c.Peek() != '}')
            {
                return c.Fail("malformed \\g{...} reference", start);
            }

            c.Pos += braced ? 1 : 0;
            if (n == 0)
            {
                return c.Fail("\\g0 is a recursion, which is not supported", start);
            }

            // Relative references are resolved by the caller, which knows how many groups were opened.
            escape = PcreEscape.Of(PcreEscapeKind.BackReference, negative ? "relative" : null, n);
            return true;
        }

        if (braced && !negative)
        {
            string? name = c.ReadName('}');
            if (name is null)
            {
                return false;
            }

            escape = PcreEscape.Of(PcreEscapeKind.NamedReference, name);
            return true;
        }

        return c.Fail("malformed \\g reference", start);
    }

    /// <summary>\k&lt;name&gt; \k'name' \k{name}.</summary>
    private static bool ReadK(PatternCursor c, int start, out PcreEscape escape)
    {
        escape = default;
        char close = c.Peek() switch
        {
            '<' => '>',
            '\'' => '\'',
            '{' => '}',
            _ => '\0',
        };
        if (close == '\0')
        {
            return c.Fail("\\k must be followed by <name>, 'name' or {name}", start);
        }

        c.Pos++;
        string? name = c.ReadName(close);
        if (name is null)
        {
            return false;
        }

        escape = PcreEscape.Of(PcreEscapeKind.NamedReference, name);
        return true;
    }

    private static int HexValue(char h) => h <= '9' ? h - '0' : (h | 0x20) - 'a' + 10;
}
