namespace RustIds.Rules.Conditions;

/// <summary>The comparison of a <see cref="NumericRange"/>.</summary>
public enum NumericOperator : byte
{
    Equal,
    NotEqual,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,

    /// <summary><c>a&lt;&gt;b</c>: strictly between.</summary>
    Between,

    /// <summary><c>a-b</c>: from a to b inclusive.</summary>
    Inclusive,
}
