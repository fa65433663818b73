namespace RustIds.Rules.ByteOps;

/// <summary>Comparison of a byte_test: extracted value on the left, test value on the right.</summary>
public enum ByteTestOperator
{
    /// <summary><c>&lt;</c>: value is less than the test value (unsigned).</summary>
    LessThan,

    /// <summary><c>&gt;</c>: value is greater than the test value (unsigned).</summary>
    GreaterThan,

    /// <summary><c>=</c>: value equals the test value (<c>!=</c> and a lone <c>!</c> are its negation).</summary>
    Equal,

    /// <summary><c>&lt;=</c>: value is less than or equal to the test value.</summary>
    LessOrEqual,

    /// <summary><c>&gt;=</c>: value is greater than or equal to the test value.</summary>
    GreaterOrEqual,

    /// <summary><c>&amp;</c>: value AND test value is non-zero.</summary>
    BitwiseAnd,

    /// <summary><c>^</c>: value XOR test value is non-zero.</summary>
    BitwiseXor,
}
