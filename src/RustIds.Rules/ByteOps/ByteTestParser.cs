namespace RustIds.Rules.ByteOps;

/// <summary>Parses the value of byte_test: <c>bytes, [!]operator, value, offset [, options]</c>.</summary>
internal static class ByteTestParser
{
    public static ByteOperation? Parse(ByteParseContext context, List<ByteToken> tokens)
    {
        if (tokens.Count < 4)
        {
            context.Fail("byte_test needs: bytes, operator, value, offset", context.Value.Length);
            return null;
        }

        if (!TryOperator(context, tokens[1], out ByteTestOperator op, out bool negated)
            || !TryValue(context, tokens[2], out ByteOperand value)
            || !context.TryOffset(tokens[3], out ByteOperand offset))
        {
            return null;
        }

        var options = new ByteFieldOptions();
        for (int i = 4; i < tokens.Count; i++)
        {
            ByteOptionResult result = options.TryApply(tokens[i], context);
            if (result == ByteOptionResult.Failed)
            {
                return null;
            }

            if (result == ByteOptionResult.Unknown)
            {
                context.Fail($"unknown byte_test option '{tokens[i].Text}'", tokens[i].Offset);
                return null;
            }
        }

        return options.TryBuild(context, tokens[0], offset, ByteField.MaxStringBytes, allowBytesVariable: true, out ByteField field)
            ? new ByteTest(field, op, negated, value)
            : null;
    }

    private static bool TryOperator(ByteParseContext context, ByteToken token, out ByteTestOperator op, out bool negated)
    {
        string text = token.Text;
        negated = text.StartsWith('!');
        string symbol = negated ? text[1..].Trim() : text;
        switch (symbol)
        {
            case "" when negated:
            case "=":
                op = ByteTestOperator.Equal;
                return true;
            case "<":
                op = ByteTestOperator.LessThan;
                return true;
            case ">":
                op = ByteTestOperator.GreaterThan;
                return true;
            case "<=":
                op = ByteTestOperator.LessOrEqual;
                return true;
            case ">=":
                op = ByteTestOperator.GreaterOrEqual;
                return true;
            case "&":
                op = ByteTestOperator.BitwiseAnd;
                return true;
            case "^":
                op = ByteTestOperator.BitwiseXor;
                return true;
            default:
                op = default;
                return context.Fail($"unknown byte_test operator '{text}' (expected [!] and one of < > = <= >= & ^, or !=)", token.Offset);
        }
    }

    private static bool TryValue(ByteParseContext context, ByteToken token, out ByteOperand value)
    {
        if (token.Text.Length > 0 && char.IsAsciiLetter(token.Text[0]))
        {
            return context.TryOperand(token, "byte_test value", 0, 0, allowVariable: true, out value);
        }

        value = default;
        if (!ByteNumberText.TryParseUnsigned(token.Text, out ulong literal))
        {
            return context.Fail($"byte_test value must be an unsigned 64-bit number or a variable: '{token.Text}'", token.Offset);
        }

        value = ByteOperand.FromLiteral(unchecked((long)literal));
        return true;
    }
}
