namespace RustIds.Rules;

/// <summary>The text of one logical rule and how its offsets map back to physical lines and columns.</summary>
internal sealed class RuleSource
{
    private readonly int[] _segmentStarts;

    /// <param name="file">File name for diagnostics.</param>
    /// <param name="firstLine">1-based physical line of the first segment.</param>
    /// <param name="text">Logical text: physical lines joined with their trailing backslashes removed.</param>
    /// <param name="segmentStarts">Offset in <paramref name="text"/> where each physical line begins (first is 0).</param>
    public RuleSource(string file, int firstLine, string text, int[] segmentStarts)
    {
        File = file;
        FirstLine = firstLine;
        Text = text;
        _segmentStarts = segmentStarts;
    }

    public string File { get; }

    public int FirstLine { get; }

    public string Text { get; }

    /// <summary>Physical 1-based line and column of a logical offset.</summary>
    public (int Line, int Column) Locate(int offset)
    {
        var segment = 0;
        while (segment + 1 < _segmentStarts.Length && _segmentStarts[segment + 1] <= offset)
            segment++;
        return (FirstLine + segment, Math.Max(0, offset - _segmentStarts[segment]) + 1);
    }
}
