namespace RustIds.Rules.Thresholds;

/// <summary>One threshold.config statement after joining backslash-continued lines, with a map back to physical line:column.</summary>
internal sealed class LogicalLine
{
    private readonly List<(int Offset, int Line, int Column)> _segments = [];
    private readonly System.Text.StringBuilder _text = new();

    public string Text { get; private set; } = "";

    public int FirstLine => _segments.Count == 0 ? 0 : _segments[0].Line;

    public void Clear()
    {
        _segments.Clear();
        _text.Clear();
        Text = "";
    }

    /// <summary>Appends the physical line <paramref name="line"/> (1-based) starting at column 1.</summary>
    public void Append(ReadOnlySpan<char> content, int line)
    {
        _segments.Add((_text.Length, line, 1));
        _text.Append(content);
        Text = _text.ToString();
    }

    /// <summary>Maps an offset into <see cref="Text"/> to a 1-based physical line and column.</summary>
    public (int Line, int Column) Locate(int offset)
    {
        var index = 0;
        for (var i = 1; i < _segments.Count; i++)
        {
            if (_segments[i].Offset <= offset)
                index = i;
        }
        var segment = _segments[index];
        return (segment.Line, segment.Column + Math.Max(0, offset - segment.Offset));
    }
}
