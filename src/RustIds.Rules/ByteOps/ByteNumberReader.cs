using System.Numerics;

namespace RustIds.Rules.ByteOps;

/// <summary>Turns a window of packet bytes into an unsigned number: binary or ASCII digits.</summary>
/// <remarks>
/// String conversion is our definition of Suricata's strtoull-based one: leading ASCII whitespace is
/// skipped, then an optional <c>+</c>, then (hex only) an optional <c>0x</c>/<c>0X</c> prefix, then at least
/// one digit of the base; conversion stops at the first non-digit inside the window. No digit, a
/// <c>-</c> sign (strtoull would negate and wrap), or a value above 2^64-1 is "not a number" and the
/// operation does not match. The consumed length (whitespace, sign, prefix, digits) is what byte_jump,
/// byte_extract and byte_math add to the cursor, as Suricata does with strtoull's end pointer.
/// </remarks>
internal static class ByteNumberReader
{
    /// <summary>Reads a big- or little-endian unsigned integer of 1 to 8 bytes.</summary>
    public static ulong ReadBinary(ReadOnlySpan<byte> window, bool littleEndian)
    {
        ulong value = 0;
        if (littleEndian)
        {
            for (int i = window.Length - 1; i >= 0; i--)
            {
                value = (value << 8) | window[i];
            }
        }
        else
        {
            foreach (byte b in window)
            {
                value = (value << 8) | b;
            }
        }

        return value;
    }

    /// <summary>Parses ASCII digits of <paramref name="numberBase"/> at the start of <paramref name="window"/>.</summary>
    public static bool TryParseString(ReadOnlySpan<byte> window, ByteNumberBase numberBase, out ulong value, out int consumed)
    {
        value = 0;
        consumed = 0;
        int i = 0;
        while (i < window.Length && IsSpace(window[i]))
        {
            i++;
        }

        if (i < window.Length && window[i] == (byte)'+')
        {
            i++;
        }

        uint radix = (uint)numberBase;
        if (numberBase == ByteNumberBase.Hexadecimal && i + 2 < window.Length
            && window[i] == (byte)'0' && (window[i + 1] | 0x20) == (byte)'x' && DigitValue(window[i + 2]) < 16)
        {
            i += 2;
        }

        int firstDigit = i;
        ulong result = 0;
        while (i < window.Length)
        {
            uint digit = DigitValue(window[i]);
            if (digit >= radix)
            {
                break;
            }

            UInt128 next = ((UInt128)result * radix) + digit;
            if (next > ulong.MaxValue)
            {
                return false;
            }

            result = (ulong)next;
            i++;
        }

        if (i == firstDigit)
        {
            return false;
        }

        value = result;
        consumed = i;
        return true;
    }

    /// <summary>Applies a bitmask and shifts right by the mask's trailing zero count (Suricata and Snort 3).</summary>
    public static ulong ApplyBitmask(ulong value, uint bitmask) =>
        bitmask == 0 ? value : (value & bitmask) >> BitOperations.TrailingZeroCount(bitmask);

    private static bool IsSpace(byte b) => b == (byte)' ' || (b >= 9 && b <= 13);

    private static uint DigitValue(byte b)
    {
        if (b >= (byte)'0' && b <= (byte)'9')
        {
            return (uint)(b - '0');
        }

        uint lower = (uint)(b | 0x20);
        return lower >= 'a' && lower <= 'f' ? lower - 'a' + 10 : 99;
    }
}
