namespace RustIds.Rules.ByteOps;

/// <summary>A numeric argument that is a literal or a reference to a byte_extract/byte_math variable.</summary>
/// <remarks>
/// Suricata allows variables for offsets, the byte_test value, the number of bytes and the byte_math
/// rvalue. Variables hold the extracted unsigned 64-bit value as the bit pattern of a <see cref="long"/>;
/// unsigned literals above <see cref="long.MaxValue"/> (a byte_test value of 0xFFFFFFFFFFFFFFFF) are stored
/// the same way, so callers that need the unsigned value cast the result to <see cref="ulong"/>.
/// </remarks>
/// <param name="Literal">The literal value; ignored when <paramref name="VariableIndex"/> is not -1.</param>
/// <param name="VariableIndex">Index into the rule's variable span, or -1 for a literal.</param>
public readonly record struct ByteOperand(long Literal, int VariableIndex)
{
    /// <summary>Creates a literal operand.</summary>
    /// <param name="value">The literal value.</param>
    /// <returns>An operand with <see cref="VariableIndex"/> -1.</returns>
    public static ByteOperand FromLiteral(long value) => new(value, -1);

    /// <summary>Creates an operand that reads variable <paramref name="index"/> at evaluation.</summary>
    /// <param name="index">Index returned by <see cref="ByteVariables.Define"/>.</param>
    /// <returns>A variable operand.</returns>
    public static ByteOperand FromVariable(int index) => new(0, index);

    /// <summary>Gets whether the operand is a variable reference.</summary>
    public bool IsVariable => VariableIndex >= 0;

    /// <summary>Returns the literal, or the variable's current value; 0 if the index lies outside <paramref name="variables"/>.</summary>
    /// <param name="variables">The rule's variable values for the current inspection.</param>
    /// <returns>The operand's value.</returns>
    public long Resolve(ReadOnlySpan<long> variables) => TryResolve(variables, out long value) ? value : 0;

    /// <summary>Returns the literal, or the variable's value when the index lies inside <paramref name="variables"/>.</summary>
    /// <param name="variables">The rule's variable values for the current inspection.</param>
    /// <param name="value">The resolved value, or 0 when resolution failed.</param>
    /// <returns><see langword="false"/> when the variable index is outside the span.</returns>
    public bool TryResolve(ReadOnlySpan<long> variables, out long value)
    {
        if (VariableIndex < 0)
        {
            value = Literal;
            return true;
        }

        if (VariableIndex < variables.Length)
        {
            value = variables[VariableIndex];
            return true;
        }

        value = 0;
        return false;
    }
}
