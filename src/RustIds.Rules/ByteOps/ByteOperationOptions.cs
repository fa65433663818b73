namespace RustIds.Rules.ByteOps;

/// <summary>Limits for byte operation variables of one rule.</summary>
public sealed record ByteOperationOptions
{
    /// <summary>Gets the default options.</summary>
    public static ByteOperationOptions Default { get; } = new();

    /// <summary>Gets the maximum number of byte_extract/byte_math variables per rule.</summary>
    /// <remarks>Default 8, Suricata's limit; the evaluator needs a variable span of this length per rule.</remarks>
    public int MaxVariables { get; init; } = 8;

    /// <summary>Gets the maximum length of a variable name, in characters.</summary>
    /// <remarks>Default 64; names are written by rule authors, a cap keeps diagnostics short.</remarks>
    public int MaxVariableNameLength { get; init; } = 64;
}
