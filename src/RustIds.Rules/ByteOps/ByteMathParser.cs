namespace RustIds.Rules.ByteOps;

/// <summary>Parses the key-value syntax of byte_math, in any order.</summary>
/// <remarks>
/// Required: <c>bytes</c> (1..10 with <c>string</c>, 1..8 binary, or a variable; at most 4 for shifts),
/// <c>offset</c>, <c>oper</c>, <c>rvalue</c> (0..2^32-1 or a variable), <c>result</c>. Optional:
/// <c>relative</c>, <c>endian big|little</c>, <c>string hex|dec|oct</c>, <c>bitmask</c> (hexadecimal, as
/// Suricata reads it), <c>dce</c> (rejected). Suricata accepts 9 or 10 binary bytes and then never matches;
/// we reject them.
/// </remarks>
internal static class ByteMathParser
{
    private const int MaxStringBytes = 10;
    private const int MaxShiftBytes = 4;

    public static ByteOperation? Parse(ByteParseContext context, List<ByteToken> tokens)
    {
        var seen = new Dictionary<string, ByteToken>(StringComparer.OrdinalIgnoreCase);
        foreach (ByteToken token in tokens)
        {
            token.SplitKeyValue(out ByteToken key, out ByteToken argument);
            string name = key.Text.ToLowerInvariant();
            if (name == "dce")
            {
                context.Fail(ByteParseContext.DceNotSupported, token.Offset);
                return null;
            }

            bool isFlag = name == "relative";
            if (name is not ("bytes" or "offset" or "oper" or "rvalue" or "result" or "relative" or "endian" or "string" or "bitmask"))
            {
                context.Fail($"unknown byte_math option '{key.Text}'", token.Offset);
                return null;
            }

            if (isFlag ? argument.Text.Length > 0 : argument.Text.Length == 0)
            {
                context.Fail(isFlag ? "'relative' takes no value" : $"'{name}' needs a value", isFlag ? argument.Offset : token.Offset + token.Text.Length);
                return null;
            }

            if (!seen.TryAdd(name, argument))
            {
                context.Fail($"'{name}' given twice", token.Offset);
                return null;
            }
        }

        foreach (string required in (string[])["bytes", "offset", "oper", "rvalue", "result"])
        {
            if (!seen.ContainsKey(required))
            {
                context.Fail($"byte_math needs '{required}'", context.Value.Length);
                return null;
            }
        }

        return Build(context, seen);
    }

    private static ByteMath? Build(ByteParseContext context, Dictionary<string, ByteToken> args)
    {
        ByteToken operToken = args["oper"];
        ByteMathOperator? op = operToken.Text switch
        {
            "+" => ByteMathOperator.Add,
            "-" => ByteMathOperator.Subtract,
            "*" => ByteMathOperator.Multiply,
            "/" => ByteMathOperator.Divide,
            "<<" => ByteMathOperator.ShiftLeft,
            ">>" => ByteMathOperator.ShiftRight,
            _ => null,
        };
        if (op is null)
        {
            context.Fail($"unknown byte_math operator '{operToken.Text}' (expected + - * / << >>)", operToken.Offset);
            return null;
        }

        ByteNumberBase numberBase = ByteNumberBase.Binary;
        if (args.TryGetValue("string", out ByteToken baseToken))
        {
            numberBase = baseToken.Is("hex") ? ByteNumberBase.Hexadecimal
                : baseToken.Is("dec") ? ByteNumberBase.Decimal
                : baseToken.Is("oct") ? ByteNumberBase.Octal
                : ByteNumberBase.Binary;
            if (numberBase == ByteNumberBase.Binary)
            {
                context.Fail("string needs hex, dec or oct", baseToken.Offset);
                return null;
            }
        }

        bool little = false;
        if (args.TryGetValue("endian", out ByteToken endianToken))
        {
            if (!endianToken.Is("big") && !endianToken.Is("little"))
            {
                context.Fail("endian needs big or little", endianToken.Offset);
                return null;
            }

            if (numberBase != ByteNumberBase.Binary)
            {
                context.Fail("endian has no meaning with 'string'", endianToken.Offset);
                return null;
            }

            little = endianToken.Is("little");
        }

        uint bitmask = 0;
        if (args.TryGetValue("bitmask", out ByteToken maskToken))
        {
            if (!ByteNumberText.TryParseHex(maskToken.Text, out ulong mask) || mask == 0 || mask > uint.MaxValue)
            {
                context.Fail("bitmask must be a non-zero 32-bit hexadecimal number", maskToken.Offset);
                return null;
            }

            bitmask = (uint)mask;
        }

        int maxBytes = op is ByteMathOperator.ShiftLeft or ByteMathOperator.ShiftRight ? MaxShiftBytes
            : numberBase == ByteNumberBase.Binary ? ByteField.MaxBinaryBytes : MaxStringBytes;
        if (!context.TryByteCount(args["bytes"], 1, maxBytes, allowVariable: true, out ByteOperand bytes)
            || !context.TryOffset(args["offset"], out ByteOperand offset)
            || !context.TryOperand(args["rvalue"], "rvalue", 0, uint.MaxValue, allowVariable: true, out ByteOperand rvalue)
            || !context.TryDefine(args["result"], out int resultIndex))
        {
            return null;
        }

        var field = new ByteField(bytes, offset, args.ContainsKey("relative"), little, numberBase, bitmask);
        return new ByteMath(field, op.Value, rvalue, resultIndex, args["result"].Text);
    }
}
