namespace RustIds.Rules;

/// <summary>A <c>content</c> option with its modifiers, ready for matching.</summary>
/// <remarks>
/// offset/depth are relative to the buffer start; distance/within to the end of the previous positive
/// content match (Snort/Suricata semantics). A depth or within of 0 means "not set". <c>startswith</c> is
/// offset 0 with depth = pattern length; <c>endswith</c> pins the match's end to the buffer's end.
/// </remarks>
public sealed class ContentMatch
{
    private readonly byte[] _pattern;
    private readonly byte[] _folded;

    /// <summary>Creates a content match.</summary>
    public ContentMatch(byte[] pattern, bool negated, bool noCase, int offset, int depth, int? distance, int? within, bool fastPattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        _pattern = pattern;
        _folded = noCase ? Fold(pattern) : pattern;
        Negated = negated;
        NoCase = noCase;
        Offset = offset;
        Depth = depth;
        Distance = distance ?? 0;
        HasDistance = distance.HasValue;
        Within = within ?? 0;
        HasWithin = within.HasValue;
        FastPattern = fastPattern;
    }

    /// <summary>The bytes to find, as written.</summary>
    public ReadOnlySpan<byte> Pattern => _pattern;

    /// <summary>The pattern with ASCII letters lower-cased when <see cref="NoCase"/>, else the pattern.</summary>
    public ReadOnlySpan<byte> FoldedPattern => _folded;

    /// <summary><c>content:!"..."</c>: the rule matches only when the pattern is absent.</summary>
    public bool Negated { get; }

    /// <summary>ASCII case-insensitive comparison.</summary>
    public bool NoCase { get; }

    /// <summary>Bytes from the buffer start where the search begins.</summary>
    public int Offset { get; }

    /// <summary>Bytes from <see cref="Offset"/> the match must end within; 0 when unset.</summary>
    public int Depth { get; }

    /// <summary>Bytes after the previous match where the search begins (may be negative).</summary>
    public int Distance { get; }

    /// <summary>True when <c>distance</c> was given.</summary>
    public bool HasDistance { get; }

    /// <summary>Bytes after the previous match (plus distance) the match must end within.</summary>
    public int Within { get; }

    /// <summary>True when <c>within</c> was given.</summary>
    public bool HasWithin { get; }

    /// <summary>True when the match position depends on the previous content.</summary>
    public bool IsRelative => HasDistance || HasWithin;

    /// <summary>The rule marked this content with <c>fast_pattern</c>.</summary>
    public bool FastPattern { get; }

    /// <summary>Index of the byte_extract variable giving <c>offset</c>, or -1.</summary>
    public int OffsetVariable { get; init; } = -1;

    /// <summary>Index of the byte_extract variable giving <c>depth</c>, or -1.</summary>
    public int DepthVariable { get; init; } = -1;

    /// <summary>Index of the byte_extract variable giving <c>distance</c>, or -1.</summary>
    public int DistanceVariable { get; init; } = -1;

    /// <summary>Index of the byte_extract variable giving <c>within</c>, or -1.</summary>
    public int WithinVariable { get; init; } = -1;

    /// <summary><c>endswith</c>: the match must end where the buffer ends.</summary>
    public bool EndsWith { get; init; }

    /// <summary><c>fast_pattern:offset,length</c>: the slice of the pattern the prefilter uses; (0, 0) for all of it.</summary>
    public (int Offset, int Length) FastPatternSlice { get; init; }

    /// <summary>The bytes the prefilter looks for: the pattern or its <see cref="FastPatternSlice"/>.</summary>
    public ReadOnlySpan<byte> PrefilterBytes => FastPatternSlice.Length > 0 ? Pattern.Slice(FastPatternSlice.Offset, FastPatternSlice.Length) : Pattern;

    /// <summary>Lower-cases ASCII letters.</summary>
    internal static byte[] Fold(ReadOnlySpan<byte> bytes)
    {
        var folded = bytes.ToArray();
        for (var i = 0; i < folded.Length; i++)
            folded[i] = ContentSearch.FoldByte(folded[i]);
        return folded;
    }
}
