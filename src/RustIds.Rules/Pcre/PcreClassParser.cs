namespace RustIds.Rules.Pcre;

/// <summary>Parses a PCRE bracket expression <c>[...]</c> into the exact byte set it matches.</summary>
/// <remarks>
/// Caseless matching folds ASCII letters only (PCRE's default C-locale tables); POSIX classes use the C locale.
/// A hyphen next to a class escape or POSIX class is literal (Perl and PCRE1 behaviour).
/// </remarks>
internal static class PcreClassParser
{
    private static readonly string[] PosixNames =
    [
        "alpha", "digit", "alnum", "upper", "lower", "space", "blank", "cntrl",
        "graph", "print", "punct", "xdigit", "word", "ascii",
    ];

    /// <summary>Reads the class at <c>c.Pos</c> (which holds <c>[</c>) and advances past its <c>]</c>.</summary>
    /// <param name="c">Cursor positioned on the opening bracket.</param>
    /// <param name="caseless">True when the <c>i</c> option is in effect at this point.</param>
    /// <param name="set">The bytes the class matches, negation applied.</param>
    /// <returns>False with <c>c.Error</c> set when the class is malformed or not supported.</returns>
    public static bool Read(PatternCursor c, bool caseless, out ByteSet set)
    {
        set = default;
        int open = c.Pos;
        c.Pos++;
        bool negate = false;
        if (c.Peek() == '^')
        {
            negate = true;
            c.Pos++;
        }

        bool first = true;
        Span<byte> bytes = stackalloc byte[4];
        while (true)
        {
            if (c.AtEnd)
            {
                return c.Fail("missing terminating ] for character class", open);
            }

            char ch = c.Peek();
            if (ch == ']' && !first)
            {
                c.Pos++;
                break;
            }

            first = false;
            if (ch == '[' && c.Peek(1) is ':' or '.' or '=')
            {
                if (!ReadPosix(c, caseless, ref set))
                {
                    return false;
                }

                continue;
            }

            if (ch == '\\' && c.Peek(1) == 'Q')
            {
                c.Pos += 2;
                while (!c.AtEnd && !c.StartsWith("\\E"))
                {
                    int n = c.ReadPatternBytes(bytes);
                    for (int i = 0; i < n; i++)
                    {
                        AddByte(ref set, bytes[i], caseless);
                    }
                }

                c.Pos = Math.Min(c.Pos + 2, c.Text.Length);
                continue;
            }

            int itemPos = c.Pos;
            if (!ReadItem(c, bytes, out int lo, out ByteSet itemSet, out bool isSet))
            {
                return false;
            }

            if (isSet)
            {
                set.UnionWith(itemSet);
                continue;
            }

            if (c.Peek() == '-' && c.Peek(1) != ']' && c.Pos + 1 < c.Text.Length && !(c.Peek(1) == '[' && c.Peek(2) == ':'))
            {
                int dash = c.Pos;
                c.Pos++;
                if (!ReadItem(c, bytes, out int hi, out ByteSet hiSet, out bool hiIsSet))
                {
                    return false;
                }

                if (hiIsSet)
                {
                    // [a-\d]: Perl treats the hyphen as a literal.
                    AddByte(ref set, lo, caseless);
                    AddByte(ref set, '-', caseless);
                    set.UnionWith(hiSet);
                    continue;
                }

                if (lo < 0 || hi < 0)
                {
                    return c.Fail("range endpoint is a multi-byte character", lo < 0 ? itemPos : dash + 1);
                }

                if (hi < lo)
                {
                    return c.Fail("range out of order in character class", itemPos);
                }

                var range = ByteSet.Range(lo, hi);
                if (caseless)
                {
                    range.FoldAsciiCase();
                }

                set.UnionWith(range);
                continue;
            }

            if (lo >= 0)
            {
                AddByte(ref set, lo, caseless);
            }
        }

        set = negate ? set.Complement() : set;
        return true;
    }

    /// <summary>One class member: a byte (lo), a set (escape such as \d), or a multi-byte character (lo = -1, bytes added).</summary>
    private static bool ReadItem(PatternCursor c, Span<byte> bytes, out int lo, out ByteSet itemSet, out bool isSet)
    {
        lo = -1;
        itemSet = default;
        isSet = false;
        if (c.Peek() == '\\' && c.Peek(1) < 0x80)
        {
            if (!PcreEscapeParser.Read(c, inClass: true, groupsSoFar: 0, out var e))
            {
                return false;
            }

            switch (e.Kind)
            {
                case PcreEscapeKind.Literal:
                    lo = e.Value;
                    return true;
                case PcreEscapeKind.Set:
                    itemSet = e.Set;
                    isSet = true;
                    return true;
                case PcreEscapeKind.Nothing:
                    // \E outside \Q: ignored; treat as an empty set member.
                    isSet = true;
                    return true;
                default:
                    return c.Fail("escape is not allowed in a character class", c.Pos - 1);
            }
        }

        if (c.Peek() == '\\')
        {
            c.Pos++;
        }

        int n = c.ReadPatternBytes(bytes);
        if (n == 1)
        {
            lo = bytes[0];
            return true;
        }

        // A multi-byte (UTF-8) character: PCRE without UTF sees separate bytes.
        for (int i = 0; i < n; i++)
        {
            itemSet.Add(bytes[i]);
        }

        isSet = true;
        return true;
    }

    private static bool ReadPosix(PatternCursor c, bool caseless, ref ByteSet set)
    {
        int start = c.Pos;
        char kind = c.Peek(1);
        int close = c.Text.IndexOf(kind + "]", c.Pos + 2, StringComparison.Ordinal);
        if (kind != ':')
        {
            return c.Fail($"POSIX collating elements [{kind}...{kind}] are not supported", start);
        }

        if (close < 0)
        {
            return c.Fail("unterminated POSIX class", start);
        }

        string name = c.Text.Substring(c.Pos + 2, close - c.Pos - 2);
        bool negated = name.StartsWith('^');
        if (negated)
        {
            name = name[1..];
        }

        int index = Array.IndexOf(PosixNames, name);
        if (index < 0)
        {
            return c.Fail($"unknown POSIX class name '{name}'", start);
        }

        // PCRE2: under caseless matching [:upper:] and [:lower:] both mean [:alpha:].
        if (caseless && name is "upper" or "lower")
        {
            name = "alpha";
        }

        var posix = Posix(name);
        set.UnionWith(negated ? posix.Complement() : posix);
        c.Pos = close + 2;
        return true;
    }

    private static ByteSet Posix(string name)
    {
        var s = default(ByteSet);
        switch (name)
        {
            case "alpha": s.AddRange('A', 'Z'); s.AddRange('a', 'z'); break;
            case "digit": s.AddRange('0', '9'); break;
            case "alnum": s.AddRange('A', 'Z'); s.AddRange('a', 'z'); s.AddRange('0', '9'); break;
            case "upper": s.AddRange('A', 'Z'); break;
            case "lower": s.AddRange('a', 'z'); break;
            case "space": s = ByteSet.Space; break;
            case "blank": s.Add(' '); s.Add('\t'); break;
            case "cntrl": s.AddRange(0, 0x1f); s.Add(0x7f); break;
            case "graph": s.AddRange(0x21, 0x7e); break;
            case "print": s.AddRange(0x20, 0x7e); break;
            case "punct":
                s.AddRange(0x21, 0x7e);
                s = Intersect(s, ByteSet.Word.Complement());
                s.Add('_');
                break;
            case "xdigit": s.AddRange('0', '9'); s.AddRange('A', 'F'); s.AddRange('a', 'f'); break;
            case "word": s = ByteSet.Word; break;
            default: s.AddRange(0, 0x7f); break;
        }

        return s;
    }

    private static ByteSet Intersect(ByteSet a, ByteSet b)
    {
        var r = default(ByteSet);
        for (int i = 0; i < 256; i++)
        {
            if (a.Contains(i) && b.Contains(i))
            {
                r.Add(i);
            }
        }

        return r;
    }

    private static void AddByte(ref ByteSet set, int b, bool caseless)
    {
        set.Add(b);
        if (caseless && char.IsAsciiLetter((char)b))
        {
            set.Add(b ^ 0x20);
        }
    }
}
