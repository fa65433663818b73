namespace RustIds.Rules.ByteOps;

/// <summary>How the bytes of a byte_test/byte_jump/byte_extract/byte_math field are turned into a number.</summary>
public enum ByteNumberBase
{
    /// <summary>Raw binary integer, big or little endian (no <c>string</c> option).</summary>
    Binary = 0,

    /// <summary>ASCII octal digits (<c>string, oct</c>).</summary>
    Octal = 8,

    /// <summary>ASCII decimal digits (<c>string, dec</c>, also <c>string</c> alone).</summary>
    Decimal = 10,

    /// <summary>ASCII hexadecimal digits (<c>string, hex</c>).</summary>
    Hexadecimal = 16,
}
