namespace RustIds.Rules.ByteOps;

/// <summary>Arithmetic of a byte_math: extracted value on the left, rvalue on the right.</summary>
public enum ByteMathOperator
{
    /// <summary><c>+</c>, wrapping modulo 2^64 as Suricata's uint64 does.</summary>
    Add,

    /// <summary><c>-</c>, wrapping modulo 2^64.</summary>
    Subtract,

    /// <summary><c>*</c>, wrapping modulo 2^64.</summary>
    Multiply,

    /// <summary><c>/</c>, unsigned; division by zero does not match.</summary>
    Divide,

    /// <summary><c>&lt;&lt;</c>; a shift of 64 or more gives 0.</summary>
    ShiftLeft,

    /// <summary><c>&gt;&gt;</c>; a shift of 64 or more gives 0.</summary>
    ShiftRight,
}
