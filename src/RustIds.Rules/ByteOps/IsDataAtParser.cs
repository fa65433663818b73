namespace RustIds.Rules.ByteOps;

/// <summary>Parses the value of isdataat: <c>[!]N [, relative][, rawbytes]</c>; N is 0..65535 or a variable.</summary>
internal static class IsDataAtParser
{
    public static ByteOperation? Parse(ByteParseContext context, List<ByteToken> tokens)
    {
        ByteToken first = tokens[0];
        bool negated = first.Text.StartsWith('!');
        ByteToken position = first;
        if (negated)
        {
            string rest = first.Text[1..];
            int skipped = rest.Length - rest.TrimStart().Length;
            position = new ByteToken(rest.TrimStart(), first.Offset + 1 + skipped);
        }

        if (!context.TryOperand(position, "isdataat position", 0, ByteField.MaxOffset, allowVariable: true, out ByteOperand operand))
        {
            return null;
        }

        bool relative = false;
        bool rawBytes = false;
        for (int i = 1; i < tokens.Count; i++)
        {
            ByteToken token = tokens[i];
            if (token.Is("relative") && !relative)
            {
                relative = true;
            }
            else if (token.Is("rawbytes") && !rawBytes)
            {
                rawBytes = true;
            }
            else
            {
                context.Fail(token.Is("relative") || token.Is("rawbytes")
                    ? $"'{token.Text}' given twice"
                    : $"unknown isdataat option '{token.Text}'", token.Offset);
                return null;
            }
        }

        return new IsDataAt(operand, negated, relative, rawBytes);
    }
}
