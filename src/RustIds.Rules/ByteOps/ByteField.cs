namespace RustIds.Rules.ByteOps;

/// <summary>Where and how a byte operation reads its number: count, offset, base, endianness, bitmask.</summary>
/// <remarks>
/// The read starts at <c>(Relative ? cursor : 0) + Offset</c> and covers <c>Bytes</c> bytes; it must lie
/// wholly inside the buffer, otherwise the operation does not match (Suricata: "ptr &lt; payload ||
/// nbytes &gt; len" is a non-match). A negative offset with <c>relative</c> reads before the cursor.
/// </remarks>
/// <param name="Bytes">Number of bytes: 1..8 binary, 1..23 string (literal or variable); a literal 0 with
/// <c>string</c> means "from the start position to the end of the buffer" (Suricata; ET rules use
/// <c>byte_test:0,&gt;,4000,0,string,dec</c> on <c>http.content_len</c>).</param>
/// <param name="Offset">Offset of the first byte, -65535..65535 (literal or variable).</param>
/// <param name="Relative">Whether the offset counts from the cursor instead of the buffer start.</param>
/// <param name="LittleEndian">Whether a binary number is little-endian (default big).</param>
/// <param name="Base">Binary or ASCII digits of a base.</param>
/// <param name="Bitmask">AND mask applied to the value followed by a right shift by its trailing zeros; 0 = none.</param>
public readonly record struct ByteField(
    ByteOperand Bytes, ByteOperand Offset, bool Relative, bool LittleEndian, ByteNumberBase Base, uint Bitmask)
{
    /// <summary>Largest binary field, in bytes.</summary>
    public const int MaxBinaryBytes = 8;

    /// <summary>Largest string field, in bytes (Suricata: 23 octal digits with a leading zero fill 64 bits).</summary>
    public const int MaxStringBytes = 23;

    /// <summary>Largest absolute offset, in bytes.</summary>
    public const int MaxOffset = 65535;

    /// <summary>Reads the number; returns false (and counts why) when it cannot.</summary>
    /// <param name="buffer">Buffer under inspection.</param>
    /// <param name="cursor">Cursor, already checked to lie in 0..buffer.Length.</param>
    /// <param name="variables">Variable values.</param>
    /// <param name="counters">Error counters, or null.</param>
    /// <param name="value">Number read, before the bitmask.</param>
    /// <param name="start">Index of the first byte read.</param>
    /// <param name="end">Index after the last byte consumed (string: after the last digit).</param>
    /// <returns>Whether a number was read.</returns>
    internal bool TryRead(
        ReadOnlySpan<byte> buffer, int cursor, ReadOnlySpan<long> variables, ByteOperationCounters? counters,
        out ulong value, out int start, out int end)
    {
        value = 0;
        start = 0;
        end = 0;
        int maxBytes = Base == ByteNumberBase.Binary ? MaxBinaryBytes : MaxStringBytes;
        bool toEnd = Base != ByteNumberBase.Binary && !Bytes.IsVariable && Bytes.Literal == 0;
        if (!Bytes.TryResolve(variables, out long count) || !Offset.TryResolve(variables, out long offset)
            || (count < 1 && !toEnd) || count > maxBytes || offset < int.MinValue || offset > int.MaxValue)
        {
            counters?.CountBadVariable();
            return false;
        }

        long first = (Relative ? cursor : 0L) + offset;
        if (toEnd && first >= 0 && first <= buffer.Length)
        {
            count = buffer.Length - first;
        }

        if (first < 0 || first + count > buffer.Length)
        {
            counters?.CountOutOfBounds();
            return false;
        }

        start = (int)first;
        ReadOnlySpan<byte> window = buffer.Slice(start, (int)count);
        if (Base == ByteNumberBase.Binary)
        {
            value = ByteNumberReader.ReadBinary(window, LittleEndian);
            end = start + (int)count;
            return true;
        }

        if (!ByteNumberReader.TryParseString(window, Base, out value, out int consumed))
        {
            counters?.CountNotANumber();
            return false;
        }

        end = start + consumed;
        return true;
    }
}
