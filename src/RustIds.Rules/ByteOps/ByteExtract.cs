namespace RustIds.Rules.ByteOps;

/// <summary>byte_extract: reads a number into a rule variable and moves the cursor past it.</summary>
/// <remarks>
/// The stored value is <c>value * multiplier</c> (wrapping modulo 2^64 like Suricata's uint64), rounded
/// up to a multiple of <c>align</c> (2 or 4). As in Suricata, the cursor moves to the end of the bytes
/// read (for a string field: after the last digit), so a following <c>within</c> or relative option
/// starts there. The bitmask (a Snort 3 option; Suricata has none here) is applied before the multiplier.
/// </remarks>
public sealed class ByteExtract : ByteOperation
{
    internal ByteExtract(ByteField field, int multiplier, int align, int variableIndex, string variableName)
    {
        Field = field;
        Multiplier = multiplier;
        AlignTo = align;
        VariableIndex = variableIndex;
        VariableName = variableName;
    }

    /// <inheritdoc/>
    public override string Keyword => "byte_extract";

    /// <inheritdoc/>
    public override bool Relative => Field.Relative;

    /// <summary>Gets where and how the number is read.</summary>
    public ByteField Field { get; }

    /// <summary>Gets the multiplier (1..65535, default 1).</summary>
    public int Multiplier { get; }

    /// <summary>Gets the alignment the value is rounded up to: 0 (none), 2 or 4.</summary>
    public int AlignTo { get; }

    /// <summary>Gets the index of the variable written.</summary>
    public int VariableIndex { get; }

    /// <summary>Gets the name of the variable written.</summary>
    public string VariableName { get; }

    /// <inheritdoc/>
    public override bool Evaluate(
        ReadOnlySpan<byte> buffer, ref int cursor, Span<long> variables, ByteOperationCounters? counters)
    {
        if (!CursorIsValid(buffer, cursor, counters))
        {
            return false;
        }

        if ((uint)VariableIndex >= (uint)variables.Length)
        {
            counters?.CountBadVariable();
            return false;
        }

        if (!Field.TryRead(buffer, cursor, variables, counters, out ulong raw, out _, out int end))
        {
            return false;
        }

        ulong value = unchecked(ByteNumberReader.ApplyBitmask(raw, Field.Bitmask) * (ulong)Multiplier);
        if (AlignTo > 1)
        {
            ulong remainder = value % (ulong)AlignTo;
            if (remainder != 0)
            {
                value = unchecked(value + ((ulong)AlignTo - remainder));
            }
        }

        variables[VariableIndex] = unchecked((long)value);
        cursor = end;
        return true;
    }
}
