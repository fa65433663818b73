namespace RustIds.Rules.Pcre;

/// <summary>Pattern options that inline settings such as <c>(?i)</c> can change, scoped to the enclosing group.</summary>
[Flags]
internal enum PcreFlags : byte
{
    None = 0,

    /// <summary><c>i</c>: caseless for ASCII letters.</summary>
    Caseless = 1,

    /// <summary><c>s</c>: dot matches newline.</summary>
    DotAll = 2,

    /// <summary><c>m</c>: ^ and $ match at internal newlines.</summary>
    Multiline = 4,

    /// <summary><c>x</c>: whitespace and # comments outside classes are ignored.</summary>
    Extended = 8,

    /// <summary><c>G</c> rule flag or <c>(?U)</c>: quantifiers are lazy by default.</summary>
    Ungreedy = 16,

    /// <summary><c>E</c>: $ matches only at the very end (ignored when multiline).</summary>
    DollarEndOnly = 32,
}
