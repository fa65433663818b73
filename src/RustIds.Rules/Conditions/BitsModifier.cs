namespace RustIds.Rules.Conditions;

/// <summary>How the bits listed in <c>flags</c> or <c>fragbits</c> are compared.</summary>
public enum BitsModifier : byte
{
    /// <summary>Exactly these bits (apart from ignored ones).</summary>
    Exact,

    /// <summary><c>+</c>: all of these, others may be set.</summary>
    All,

    /// <summary><c>*</c>: any of these.</summary>
    Any,

    /// <summary><c>!</c>: none of these.</summary>
    None,
}
