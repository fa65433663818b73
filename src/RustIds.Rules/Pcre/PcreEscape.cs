namespace RustIds.Rules.Pcre;

/// <summary>What a backslash sequence in a PCRE pattern stands for.</summary>
internal enum PcreEscapeKind : byte
{
    /// <summary>One byte value (<see cref="PcreEscape.Value"/>).</summary>
    Literal,

    /// <summary>A character type such as <c>\d</c> or <c>\h</c> (<see cref="PcreEscape.Set"/>).</summary>
    Set,

    /// <summary>Already-translated .NET text (<see cref="PcreEscape.Text"/>): an assertion such as <c>\b</c>.</summary>
    Assertion,

    /// <summary>Already-translated .NET text (<see cref="PcreEscape.Text"/>) that can be repeated, such as <c>\R</c>.</summary>
    Atom,

    /// <summary>Back reference by absolute group number (<see cref="PcreEscape.Value"/>).</summary>
    BackReference,

    /// <summary>Back reference by name (<see cref="PcreEscape.Text"/>).</summary>
    NamedReference,

    /// <summary><c>\Q</c>: the following characters are literal up to <c>\E</c>.</summary>
    QuoteStart,

    /// <summary>A lone <c>\E</c>, which PCRE ignores.</summary>
    Nothing,
}

/// <summary>Result of reading one backslash sequence.</summary>
internal readonly record struct PcreEscape(PcreEscapeKind Kind, int Value, ByteSet Set, string? Text)
{
    public static PcreEscape Byte(int value) => new(PcreEscapeKind.Literal, value, default, null);

    public static PcreEscape OfSet(ByteSet set) => new(PcreEscapeKind.Set, 0, set, null);

    public static PcreEscape Of(PcreEscapeKind kind, string? text = null, int value = 0) => new(kind, value, default, text);
}
