namespace RustIds.Rules.ByteOps;

/// <summary>byte_test: reads a number and compares it with a value; never moves the cursor.</summary>
/// <remarks>
/// Syntax <c>bytes, [!]operator, value, offset [, relative][, big|little][, string, hex|dec|oct][, bitmask m]</c>.
/// The bitmask is applied first, then the value is shifted right by the mask's trailing zeros
/// (Suricata). Comparisons are unsigned 64-bit. <c>!</c> negates the operator; <c>!=</c> and a lone
/// <c>!</c> mean "not equal".
/// </remarks>
public sealed class ByteTest : ByteOperation
{
    internal ByteTest(ByteField field, ByteTestOperator op, bool negated, ByteOperand value)
    {
        Field = field;
        Operator = op;
        Negated = negated;
        Value = value;
    }

    /// <inheritdoc/>
    public override string Keyword => "byte_test";

    /// <inheritdoc/>
    public override bool Relative => Field.Relative;

    /// <summary>Gets where and how the number is read.</summary>
    public ByteField Field { get; }

    /// <summary>Gets the comparison.</summary>
    public ByteTestOperator Operator { get; }

    /// <summary>Gets whether the comparison result is negated (<c>!</c>).</summary>
    public bool Negated { get; }

    /// <summary>Gets the test value (unsigned bit pattern in a long, or a variable).</summary>
    public ByteOperand Value { get; }

    /// <inheritdoc/>
    public override bool Evaluate(
        ReadOnlySpan<byte> buffer, ref int cursor, Span<long> variables, ByteOperationCounters? counters)
    {
        if (!CursorIsValid(buffer, cursor, counters))
        {
            return false;
        }

        if (!Value.TryResolve(variables, out long testBits))
        {
            counters?.CountBadVariable();
            return false;
        }

        if (!Field.TryRead(buffer, cursor, variables, counters, out ulong raw, out _, out _))
        {
            return false;
        }

        ulong value = ByteNumberReader.ApplyBitmask(raw, Field.Bitmask);
        ulong test = (ulong)testBits;
        bool result = Operator switch
        {
            ByteTestOperator.LessThan => value < test,
            ByteTestOperator.GreaterThan => value > test,
            ByteTestOperator.Equal => value == test,
            ByteTestOperator.LessOrEqual => value <= test,
            ByteTestOperator.GreaterOrEqual => value >= test,
            ByteTestOperator.BitwiseAnd => (value & test) != 0,
            ByteTestOperator.BitwiseXor => (value ^ test) != 0,
            _ => false,
        };
        return result != Negated;
    }
}
