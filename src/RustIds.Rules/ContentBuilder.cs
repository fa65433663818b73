using RustIds.Rules.Buffers;

namespace RustIds.Rules;

/// <summary>A content option while its modifiers are still being read.</summary>
internal sealed class ContentBuilder
{
    public ContentBuilder(byte[] pattern, bool negated, int at, LogicalBuffer buffer)
    {
        Pattern = pattern;
        Negated = negated;
        At = at;
        Buffer = buffer;
    }

    public byte[] Pattern { get; }

    public bool Negated { get; }

    /// <summary>Offset of the content keyword.</summary>
    public int At { get; }

    /// <summary>The buffer it inspects; a legacy modifier (<c>http_uri</c>) may still move it.</summary>
    public LogicalBuffer Buffer { get; set; }

    /// <summary>A legacy modifier already chose the buffer.</summary>
    public bool BufferModified { get; set; }

    public bool NoCase { get; set; }

    public int? Offset { get; set; }

    public int? Depth { get; set; }

    public int? Distance { get; set; }

    public int? Within { get; set; }

    public bool FastPattern { get; set; }

    public (int Offset, int Length) FastPatternSlice { get; set; }

    public bool StartsWith { get; set; }

    /// <summary>byte_extract variables used as offset, depth, distance, within (-1: a number or nothing).</summary>
    public (int Offset, int Depth, int Distance, int Within) Variables { get; set; } = (-1, -1, -1, -1);

    public bool EndsWith { get; set; }

    public ContentMatch Build() =>
        StartsWith
            ? new(Pattern, Negated, NoCase, 0, Pattern.Length, null, null, FastPattern) { EndsWith = EndsWith, FastPatternSlice = FastPatternSlice }
            : new(Pattern, Negated, NoCase, Offset ?? 0, Depth ?? 0, Distance, Within, FastPattern)
            {
                EndsWith = EndsWith,
                FastPatternSlice = FastPatternSlice,
                OffsetVariable = Variables.Offset,
                DepthVariable = Variables.Depth,
                DistanceVariable = Variables.Distance,
                WithinVariable = Variables.Within,
            };
}
