namespace RustIds.Rules.ByteOps;

/// <summary>byte_math: reads a number, applies an operator with an rvalue, and stores the result in a variable.</summary>
/// <remarks>
/// Key-value syntax in any order: <c>bytes N, offset N, oper +|-|*|/|&lt;&lt;|&gt;&gt;, rvalue N|var, result name
/// [, relative][, endian big|little][, string hex|dec|oct][, bitmask m]</c>. Arithmetic wraps modulo
/// 2^64 (Suricata's uint64); division by zero does not match and is counted; shifts of 64 or more give 0.
/// The bitmask is applied to the result, after the operator, as in Suricata. Like Suricata's
/// DetectByteMathDoMatch, a match moves the cursor to the end of the bytes read.
/// </remarks>
public sealed class ByteMath : ByteOperation
{
    internal ByteMath(ByteField field, ByteMathOperator op, ByteOperand rvalue, int resultIndex, string resultName)
    {
        Field = field;
        Operator = op;
        RValue = rvalue;
        ResultIndex = resultIndex;
        ResultName = resultName;
    }

    /// <inheritdoc/>
    public override string Keyword => "byte_math";

    /// <inheritdoc/>
    public override bool Relative => Field.Relative;

    /// <summary>Gets where and how the number is read (bitmask applied after the operator).</summary>
    public ByteField Field { get; }

    /// <summary>Gets the operator.</summary>
    public ByteMathOperator Operator { get; }

    /// <summary>Gets the right operand (0..2^32-1 literal, or a variable).</summary>
    public ByteOperand RValue { get; }

    /// <summary>Gets the index of the result variable.</summary>
    public int ResultIndex { get; }

    /// <summary>Gets the name of the result variable.</summary>
    public string ResultName { get; }

    /// <inheritdoc/>
    public override bool Evaluate(
        ReadOnlySpan<byte> buffer, ref int cursor, Span<long> variables, ByteOperationCounters? counters)
    {
        if (!CursorIsValid(buffer, cursor, counters))
        {
            return false;
        }

        if ((uint)ResultIndex >= (uint)variables.Length || !RValue.TryResolve(variables, out long rbits))
        {
            counters?.CountBadVariable();
            return false;
        }

        if (!Field.TryRead(buffer, cursor, variables, counters, out ulong left, out _, out int end))
        {
            return false;
        }

        ulong right = (ulong)rbits;
        ulong result;
        switch (Operator)
        {
            case ByteMathOperator.Add:
                result = unchecked(left + right);
                break;
            case ByteMathOperator.Subtract:
                result = unchecked(left - right);
                break;
            case ByteMathOperator.Multiply:
                result = unchecked(left * right);
                break;
            case ByteMathOperator.Divide:
                if (right == 0)
                {
                    counters?.CountDivisionByZero();
                    return false;
                }

                result = left / right;
                break;
            case ByteMathOperator.ShiftLeft:
                result = right >= 64 ? 0 : left << (int)right;
                break;
            case ByteMathOperator.ShiftRight:
                result = right >= 64 ? 0 : left >> (int)right;
                break;
            default:
                return false;
        }

        variables[ResultIndex] = unchecked((long)ByteNumberReader.ApplyBitmask(result, Field.Bitmask));
        cursor = end;
        return true;
    }
}
