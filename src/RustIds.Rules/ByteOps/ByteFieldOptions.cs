namespace RustIds.Rules.ByteOps;

/// <summary>Collects the options shared by byte_test, byte_jump and byte_extract while parsing.</summary>
/// <remarks>
/// Shared options: <c>relative</c>, <c>big</c>, <c>little</c>, <c>string</c>, <c>hex</c>, <c>dec</c>, <c>oct</c>,
/// <c>bitmask m</c> and <c>dce</c> (rejected). Each may appear once; <c>big</c> with <c>little</c>, a base
/// without <c>string</c>, and an endianness with <c>string</c> are errors (Suricata rejects the last one
/// for byte_extract and silently ignores it for the others; we reject it everywhere).
/// </remarks>
internal sealed class ByteFieldOptions
{
    private readonly HashSet<string> _seen = new(StringComparer.OrdinalIgnoreCase);
    private ByteToken? _baseToken;
    private ByteToken? _endianToken;

    public bool Relative { get; private set; }

    public bool LittleEndian { get; private set; }

    public bool IsString { get; private set; }

    public ByteNumberBase Base { get; private set; } = ByteNumberBase.Decimal;

    public uint Bitmask { get; private set; }

    /// <summary>Offers one argument; returns whether it was a shared option and whether it was valid.</summary>
    public ByteOptionResult TryApply(ByteToken token, ByteParseContext context)
    {
        token.SplitKeyValue(out ByteToken key, out ByteToken argument);
        string name = key.Text.ToLowerInvariant();
        bool known = name is "relative" or "big" or "little" or "string" or "hex" or "dec" or "oct" or "bitmask" or "dce";
        if (!known)
        {
            return ByteOptionResult.Unknown;
        }

        if (name == "dce")
        {
            context.Fail(ByteParseContext.DceNotSupported, token.Offset);
            return ByteOptionResult.Failed;
        }

        if (name != "bitmask" && argument.Text.Length > 0)
        {
            context.Fail($"'{name}' takes no value", argument.Offset);
            return ByteOptionResult.Failed;
        }

        if (!_seen.Add(name) || (name is "hex" or "dec" or "oct" && _baseToken is not null)
            || (name is "big" or "little" && _endianToken is not null))
        {
            context.Fail($"'{name}' conflicts with an earlier option", token.Offset);
            return ByteOptionResult.Failed;
        }

        switch (name)
        {
            case "relative":
                Relative = true;
                break;
            case "big":
            case "little":
                LittleEndian = name == "little";
                _endianToken = token;
                break;
            case "string":
                IsString = true;
                break;
            case "hex":
            case "dec":
            case "oct":
                Base = name == "hex" ? ByteNumberBase.Hexadecimal : name == "dec" ? ByteNumberBase.Decimal : ByteNumberBase.Octal;
                _baseToken = token;
                break;
            default:
                if (!ByteNumberText.TryParseUnsigned(argument.Text, out ulong mask) || mask == 0 || mask > uint.MaxValue)
                {
                    context.Fail("bitmask must be a non-zero 32-bit number such as 0x8000", argument.Offset);
                    return ByteOptionResult.Failed;
                }

                Bitmask = (uint)mask;
                break;
        }

        return ByteOptionResult.Applied;
    }

    /// <summary>Checks option combinations and the byte count, then builds the field.</summary>
    /// <param name="context">Parse context for errors and variables.</param>
    /// <param name="bytesToken">The byte count argument.</param>
    /// <param name="offset">The parsed offset.</param>
    /// <param name="maxStringBytes">Largest literal byte count with <c>string</c> for this keyword and base.</param>
    /// <param name="allowBytesVariable">Whether the byte count may be a variable.</param>
    /// <param name="field">The built field.</param>
    public bool TryBuild(
        ByteParseContext context, ByteToken bytesToken, ByteOperand offset, int maxStringBytes, bool allowBytesVariable,
        out ByteField field)
    {
        field = default;
        if (_baseToken is { } baseToken && !IsString)
        {
            return context.Fail($"'{baseToken.Text}' requires 'string'", baseToken.Offset);
        }

        if (_endianToken is { } endianToken && IsString)
        {
            return context.Fail($"'{endianToken.Text}' has no meaning with 'string'", endianToken.Offset);
        }

        int maxBytes = IsString ? maxStringBytes : ByteField.MaxBinaryBytes;
        // 0 with string reads to the end of the buffer (Suricata), see ByteField.
        if (!context.TryByteCount(bytesToken, IsString ? 0 : 1, maxBytes, allowBytesVariable, out ByteOperand bytes))
        {
            return false;
        }

        field = new ByteField(bytes, offset, Relative, LittleEndian, IsString ? Base : ByteNumberBase.Binary, Bitmask);
        return true;
    }
}
