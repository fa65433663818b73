namespace RustIds.Rules.ByteOps;

/// <summary>Parses the value of byte_extract: <c>bytes, offset, name [, options]</c>.</summary>
/// <remarks>
/// Options besides the shared ones: <c>multiplier N</c> (1..65535) and <c>align N</c> (2 or 4). String
/// fields are limited as in Suricata so the value fits 64 bits: 20 decimal, 14 hex, 23 octal digits.
/// The byte count is a literal (Suricata). The variable is defined only when the whole value parses.
/// </remarks>
internal static class ByteExtractParser
{
    public static ByteOperation? Parse(ByteParseContext context, List<ByteToken> tokens)
    {
        if (tokens.Count < 3)
        {
            context.Fail("byte_extract needs: bytes, offset, variable name", context.Value.Length);
            return null;
        }

        if (!context.TryOffset(tokens[1], out ByteOperand offset))
        {
            return null;
        }

        var options = new ByteFieldOptions();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        long multiplier = 1;
        long align = 0;
        for (int i = 3; i < tokens.Count; i++)
        {
            ByteToken token = tokens[i];
            ByteOptionResult shared = options.TryApply(token, context);
            if (shared == ByteOptionResult.Failed)
            {
                return null;
            }

            if (shared == ByteOptionResult.Applied)
            {
                continue;
            }

            token.SplitKeyValue(out ByteToken key, out ByteToken argument);
            string name = key.Text.ToLowerInvariant();
            if (name is not ("multiplier" or "align"))
            {
                context.Fail($"unknown byte_extract option '{token.Text}'", token.Offset);
                return null;
            }

            if (!seen.Add(name))
            {
                context.Fail($"'{name}' given twice", token.Offset);
                return null;
            }

            if (name == "multiplier")
            {
                if (!ByteJumpParser.TryRange(context, argument, "multiplier", 1, 65535, out multiplier))
                {
                    return null;
                }
            }
            else if (!ByteNumberText.TryParseSigned(argument.Text, out align) || (align != 2 && align != 4))
            {
                context.Fail("align needs 2 or 4", argument.Offset);
                return null;
            }
        }

        int maxString = options.Base switch
        {
            ByteNumberBase.Hexadecimal => 14,
            ByteNumberBase.Octal => 23,
            _ => 20,
        };
        if (!options.TryBuild(context, tokens[0], offset, maxString, allowBytesVariable: false, out ByteField field)
            || !context.TryDefine(tokens[2], out int index))
        {
            return null;
        }

        return new ByteExtract(field, (int)multiplier, (int)align, index, tokens[2].Text);
    }
}
