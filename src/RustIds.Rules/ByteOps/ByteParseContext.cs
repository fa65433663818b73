namespace RustIds.Rules.ByteOps;

/// <summary>State shared by the keyword parsers: arguments, variables of the rule, the first error.</summary>
/// <remarks>Rule parsing is off the packet path; allocations here are fine.</remarks>
internal sealed class ByteParseContext
{
    public const string DceNotSupported = "dce requires the DCE/RPC parser, not supported";

    public ByteParseContext(string value, ByteVariables variables)
    {
        Value = value;
        Variables = variables;
    }

    public string Value { get; }

    public ByteVariables Variables { get; }

    public string? Error { get; private set; }

    public int ErrorOffset { get; private set; }

    /// <summary>Records the error and returns false so callers can <c>return Fail(...)</c>.</summary>
    public bool Fail(string message, int offset)
    {
        Error = message;
        ErrorOffset = offset;
        return false;
    }

    /// <summary>Splits the value at commas into trimmed arguments; empty arguments are an error.</summary>
    public bool TrySplit(List<ByteToken> tokens)
    {
        int segmentStart = 0;
        while (true)
        {
            int comma = Value.IndexOf(',', segmentStart);
            int segmentEnd = comma < 0 ? Value.Length : comma;
            int start = segmentStart;
            int end = segmentEnd;
            while (start < end && char.IsWhiteSpace(Value[start]))
            {
                start++;
            }

            while (end > start && char.IsWhiteSpace(Value[end - 1]))
            {
                end--;
            }

            if (start == end)
            {
                return Fail(Value.Trim().Length == 0 ? "missing arguments" : "empty argument", start);
            }

            tokens.Add(new ByteToken(Value[start..end], start));
            if (comma < 0)
            {
                return true;
            }

            segmentStart = comma + 1;
        }
    }

    /// <summary>Parses a literal in [min, max] or, if allowed and the text starts with a letter, a defined variable.</summary>
    public bool TryOperand(ByteToken token, string what, long min, long max, bool allowVariable, out ByteOperand operand)
    {
        operand = default;
        if (token.Text.Length > 0 && char.IsAsciiLetter(token.Text[0]))
        {
            if (!allowVariable)
            {
                return Fail($"{what} must be a number, not a variable", token.Offset);
            }

            if (!Variables.TryResolve(token.Text, out int index))
            {
                return Fail($"unknown variable '{token.Text}' in {what} (define it with an earlier byte_extract or byte_math)", token.Offset);
            }

            operand = ByteOperand.FromVariable(index);
            return true;
        }

        if (!ByteNumberText.TryParseSigned(token.Text, out long value) || value < min || value > max)
        {
            return Fail($"{what} must be a number from {min} to {max}: '{token.Text}'", token.Offset);
        }

        operand = ByteOperand.FromLiteral(value);
        return true;
    }

    /// <summary>Parses a byte count literal against the limit for the field's base, or a variable when allowed.</summary>
    public bool TryByteCount(ByteToken token, int minLiteral, int maxLiteral, bool allowVariable, out ByteOperand bytes) =>
        TryOperand(token, "number of bytes", minLiteral, maxLiteral, allowVariable, out bytes);

    /// <summary>Parses an offset: -65535..65535 or a variable.</summary>
    public bool TryOffset(ByteToken token, out ByteOperand offset) =>
        TryOperand(token, "offset", -ByteField.MaxOffset, ByteField.MaxOffset, allowVariable: true, out offset);

    /// <summary>Defines a result variable, reporting why it cannot be defined.</summary>
    public bool TryDefine(ByteToken token, out int index)
    {
        index = -1;
        string name = token.Text;
        if (!ByteVariables.IsValidName(name))
        {
            return Fail($"invalid variable name '{name}' (a letter, then letters, digits or '_')", token.Offset);
        }

        index = Variables.Define(name);
        return index >= 0 || Fail($"cannot define '{name}': at most {Variables.Capacity} variables per rule, names up to the configured length", token.Offset);
    }
}
