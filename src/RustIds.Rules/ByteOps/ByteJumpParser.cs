namespace RustIds.Rules.ByteOps;

/// <summary>Parses the value of byte_jump: <c>bytes, offset [, options]</c>.</summary>
/// <remarks>
/// Options besides the shared ones: <c>multiplier N</c> (1..65535), <c>post_offset N</c>
/// (-65535..65535), <c>align</c>, <c>from_beginning</c>, <c>from_end</c> (not both).
/// </remarks>
internal static class ByteJumpParser
{
    private const int MaxMultiplier = 65535;

    public static ByteOperation? Parse(ByteParseContext context, List<ByteToken> tokens)
    {
        if (tokens.Count < 2)
        {
            context.Fail("byte_jump needs: bytes, offset", context.Value.Length);
            return null;
        }

        if (!context.TryOffset(tokens[1], out ByteOperand offset))
        {
            return null;
        }

        var options = new ByteFieldOptions();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        long multiplier = 1;
        long postOffset = 0;
        bool align = false;
        bool fromBeginning = false;
        bool fromEnd = false;
        for (int i = 2; i < tokens.Count; i++)
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
            bool takesValue = name is "multiplier" or "post_offset";
            bool isFlag = name is "align" or "from_beginning" or "from_end";
            if (!takesValue && !isFlag)
            {
                context.Fail($"unknown byte_jump option '{token.Text}'", token.Offset);
                return null;
            }

            if (!seen.Add(name))
            {
                context.Fail($"'{name}' given twice", token.Offset);
                return null;
            }

            if (isFlag && argument.Text.Length > 0)
            {
                context.Fail($"'{name}' takes no value", argument.Offset);
                return null;
            }

            switch (name)
            {
                case "multiplier":
                    if (!TryRange(context, argument, "multiplier", 1, MaxMultiplier, out multiplier))
                    {
                        return null;
                    }

                    break;
                case "post_offset":
                    if (!TryRange(context, argument, "post_offset", -ByteField.MaxOffset, ByteField.MaxOffset, out postOffset))
                    {
                        return null;
                    }

                    break;
                case "align":
                    align = true;
                    break;
                case "from_beginning":
                    fromBeginning = true;
                    break;
                default:
                    fromEnd = true;
                    break;
            }
        }

        if (fromBeginning && fromEnd)
        {
            context.Fail("'from_beginning' and 'from_end' cannot be used together", 0);
            return null;
        }

        return options.TryBuild(context, tokens[0], offset, ByteField.MaxStringBytes, allowBytesVariable: true, out ByteField field)
            ? new ByteJump(field, (int)multiplier, align, fromBeginning, fromEnd, (int)postOffset)
            : null;
    }

    internal static bool TryRange(ByteParseContext context, ByteToken argument, string what, long min, long max, out long value)
    {
        if (!ByteNumberText.TryParseSigned(argument.Text, out value) || value < min || value > max)
        {
            return context.Fail($"{what} needs a number from {min} to {max}", argument.Offset);
        }

        return true;
    }
}
