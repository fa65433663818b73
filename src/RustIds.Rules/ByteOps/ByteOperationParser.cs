namespace RustIds.Rules.ByteOps;

/// <summary>Parses the value of a byte_test, byte_jump, byte_extract, byte_math or isdataat rule option.</summary>
/// <remarks>
/// Arguments are comma-separated; whitespace around them is ignored (Snort 3 writes <c>1, relative</c>).
/// Keywords and flags are case-insensitive; variable names are case-sensitive. Rule parsing allocates;
/// only evaluation is on the packet path. Errors name the problem and give the offset into the value.
/// </remarks>
public static class ByteOperationParser
{
    /// <summary>Parses one option value, defining or resolving variables in <paramref name="variables"/>.</summary>
    /// <param name="keyword"><c>byte_test</c>, <c>byte_jump</c>, <c>byte_extract</c>, <c>byte_math</c> or <c>isdataat</c>.</param>
    /// <param name="value">The text after the colon, as written.</param>
    /// <param name="variables">Variables of the rule being parsed; options must be parsed in rule order.</param>
    /// <param name="operation">The parsed operation, or null on error.</param>
    /// <param name="error">Why parsing failed, or null.</param>
    /// <param name="errorOffset">Offset into <paramref name="value"/> of the problem, or 0.</param>
    /// <returns>Whether the value parsed.</returns>
    public static bool TryParse(
        string keyword, string value, ByteVariables variables, out ByteOperation? operation, out string? error, out int errorOffset)
    {
        ArgumentNullException.ThrowIfNull(keyword);
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(variables);
        operation = null;
        var context = new ByteParseContext(value, variables);
        var tokens = new List<ByteToken>();
        if (context.TrySplit(tokens))
        {
            operation = keyword.Trim().ToLowerInvariant() switch
            {
                "byte_test" => ByteTestParser.Parse(context, tokens),
                "byte_jump" => ByteJumpParser.Parse(context, tokens),
                "byte_extract" => ByteExtractParser.Parse(context, tokens),
                "byte_math" => ByteMathParser.Parse(context, tokens),
                "isdataat" => IsDataAtParser.Parse(context, tokens),
                _ => Unknown(context, keyword),
            };
        }

        error = operation is null ? context.Error ?? "invalid value" : null;
        errorOffset = operation is null ? context.ErrorOffset : 0;
        return operation is not null;
    }

    private static ByteOperation? Unknown(ByteParseContext context, string keyword)
    {
        context.Fail($"'{keyword}' is not a byte operation keyword", 0);
        return null;
    }
}
