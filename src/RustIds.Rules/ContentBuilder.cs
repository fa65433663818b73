namespace RustIds.Rules;

/// <summary>A content option while its modifiers are still being read.</summary>
internal sealed class ContentBuilder
{
    public ContentBuilder(byte[] pattern, bool negated, int at)
    {
        Pattern = pattern;
        Negated = negated;
        At = at;
    }

    public byte[] Pattern { get; }

    public bool Negated { get; }

    /// <summary>Offset of the content keyword.</summary>
    public int At { get; }

    public bool NoCase { get; set; }

    public int? Offset { get; set; }

    public int? Depth { get; set; }

    public int? Distance { get; set; }

    public int? Within { get; set; }

    public bool FastPattern { get; set; }

    public ContentMatch Build() =>
        new(Pattern, Negated, NoCase, Offset ?? 0, Depth ?? 0, Distance, Within, FastPattern);
}
