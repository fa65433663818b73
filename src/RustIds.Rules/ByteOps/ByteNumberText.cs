namespace RustIds.Rules.ByteOps;

/// <summary>Parses numbers written in rule text.</summary>
/// <remarks>
/// Literals follow Suricata's strtoull base 0: <c>0x</c>/<c>0X</c> prefix is hexadecimal, a leading
/// <c>0</c> followed by digits is octal (<c>010</c> is 8), anything else decimal. The whole text must be
/// consumed.
/// </remarks>
internal static class ByteNumberText
{
    public static bool TryParseUnsigned(ReadOnlySpan<char> text, out ulong value)
    {
        value = 0;
        if (text.Length > 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X'))
        {
            return TryParseDigits(text[2..], 16, out value);
        }

        if (text.Length > 1 && text[0] == '0')
        {
            return TryParseDigits(text[1..], 8, out value);
        }

        return TryParseDigits(text, 10, out value);
    }

    public static bool TryParseSigned(ReadOnlySpan<char> text, out long value)
    {
        value = 0;
        bool negative = false;
        if (text.Length > 0 && (text[0] == '-' || text[0] == '+'))
        {
            negative = text[0] == '-';
            text = text[1..];
        }

        if (!TryParseUnsigned(text, out ulong magnitude) || magnitude > long.MaxValue)
        {
            return false;
        }

        value = negative ? -(long)magnitude : (long)magnitude;
        return true;
    }

    /// <summary>Parses hexadecimal digits with an optional <c>0x</c> prefix (byte_math bitmask).</summary>
    public static bool TryParseHex(ReadOnlySpan<char> text, out ulong value)
    {
        if (text.Length > 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X'))
        {
            text = text[2..];
        }

        return TryParseDigits(text, 16, out value);
    }

    private static bool TryParseDigits(ReadOnlySpan<char> digits, uint radix, out ulong value)
    {
        value = 0;
        if (digits.IsEmpty)
        {
            return false;
        }

        foreach (char c in digits)
        {
            uint digit = c is >= '0' and <= '9' ? (uint)(c - '0')
                : c is >= 'a' and <= 'f' ? (uint)(c - 'a' + 10)
                : c is >= 'A' and <= 'F' ? (uint)(c - 'A' + 10)
                : 99;
            if (digit >= radix)
            {
                return false;
            }

            UInt128 next = ((UInt128)value * radix) + digit;
            if (next > ulong.MaxValue)
            {
                return false;
            }

            value = (ulong)next;
        }

        return true;
    }
}
