using System.Text;

namespace RustIds.Rules.Pcre;

/// <summary>A set of byte values 0..255, used to build every character class the translator emits.</summary>
/// <remarks>
/// Subjects are Latin-1 views of bytes, so each class only has to be right for chars 0..255. Building
/// the set ourselves makes <c>\d \w \s</c>, POSIX classes and case folding ASCII-only like PCRE without
/// UCP, independent of .NET's Unicode tables.
/// </remarks>
internal struct ByteSet
{
    private ulong _w0;
    private ulong _w1;
    private ulong _w2;
    private ulong _w3;

    public static ByteSet Digits => Range('0', '9');

    public static ByteSet Word
    {
        get
        {
            var s = Range('0', '9');
            s.AddRange('A', 'Z');
            s.AddRange('a', 'z');
            s.Add('_');
            return s;
        }
    }

    /// <summary>PCRE2 <c>\s</c> in the C locale: HT, LF, VT, FF, CR, space.</summary>
    public static ByteSet Space
    {
        get
        {
            var s = Range(0x09, 0x0d);
            s.Add(0x20);
            return s;
        }
    }

    /// <summary>PCRE <c>\h</c> without UTF: HT, space, NBSP.</summary>
    public static ByteSet HorizontalSpace
    {
        get
        {
            var s = Range(0x09, 0x09);
            s.Add(0x20);
            s.Add(0xa0);
            return s;
        }
    }

    /// <summary>PCRE <c>\v</c> without UTF: LF, VT, FF, CR, NEL.</summary>
    public static ByteSet VerticalSpace
    {
        get
        {
            var s = Range(0x0a, 0x0d);
            s.Add(0x85);
            return s;
        }
    }

    public readonly bool IsEmpty => (_w0 | _w1 | _w2 | _w3) == 0;

    public readonly int Count =>
        System.Numerics.BitOperations.PopCount(_w0) + System.Numerics.BitOperations.PopCount(_w1) +
        System.Numerics.BitOperations.PopCount(_w2) + System.Numerics.BitOperations.PopCount(_w3);

    public static ByteSet Range(int lo, int hi)
    {
        var s = default(ByteSet);
        s.AddRange(lo, hi);
        return s;
    }

    public static ByteSet Single(int b) => Range(b, b);

    public readonly bool Contains(int b) => (Bits(b >> 6) >> (b & 63) & 1) != 0;

    public void Add(int b)
    {
        ulong bit = 1UL << (b & 63);
        switch (b >> 6)
        {
            case 0: _w0 |= bit; break;
            case 1: _w1 |= bit; break;
            case 2: _w2 |= bit; break;
            default: _w3 |= bit; break;
        }
    }

    public void AddRange(int lo, int hi)
    {
        for (int b = lo; b <= hi; b++)
        {
            Add(b);
        }
    }

    public void UnionWith(ByteSet other)
    {
        _w0 |= other._w0;
        _w1 |= other._w1;
        _w2 |= other._w2;
        _w3 |= other._w3;
    }

    public readonly ByteSet Complement()
    {
        var s = default(ByteSet);
        s._w0 = ~_w0;
        s._w1 = ~_w1;
        s._w2 = ~_w2;
        s._w3 = ~_w3;
        return s;
    }

    /// <summary>Adds the other-case partner of every ASCII letter in the set (PCRE caseless without UCP).</summary>
    public void FoldAsciiCase()
    {
        for (int b = 'A'; b <= 'Z'; b++)
        {
            if (Contains(b) || Contains(b + 32))
            {
                Add(b);
                Add(b + 32);
            }
        }
    }

    /// <summary>Appends a .NET character class that matches exactly this set over chars 0..255.</summary>
    public readonly void AppendTo(StringBuilder sb)
    {
        if (IsEmpty)
        {
            sb.Append("(?!)");
            return;
        }

        if (Count == 256)
        {
            sb.Append("[\\u0000-\\uFFFF]");
            return;
        }

        // A negated class is shorter for big sets; it also matches chars above 0xFF, which a Latin-1 subject never holds.
        bool negate = Count > 128;
        var set = negate ? Complement() : this;
        sb.Append(negate ? "[^" : "[");
        int b = 0;
        while (b < 256)
        {
            if (!set.Contains(b))
            {
                b++;
                continue;
            }

            int end = b;
            while (end + 1 < 256 && set.Contains(end + 1))
            {
                end++;
            }

            AppendClassChar(sb, b);
            if (end > b)
            {
                if (end > b + 1)
                {
                    sb.Append('-');
                }

                AppendClassChar(sb, end);
            }

            b = end + 1;
        }

        sb.Append(']');
    }

    private static void AppendClassChar(StringBuilder sb, int b)
    {
        if (char.IsAsciiLetterOrDigit((char)b))
        {
            sb.Append((char)b);
        }
        else
        {
            sb.Append("\\x").Append(HexDigit(b >> 4)).Append(HexDigit(b & 15));
        }
    }

    internal static char HexDigit(int v) => (char)(v < 10 ? '0' + v : 'a' + v - 10);

    private readonly ulong Bits(int index) => index switch
    {
        0 => _w0,
        1 => _w1,
        2 => _w2,
        _ => _w3,
    };
}
