namespace RustIds.Reputation.Feeds;

/// <summary>Splits feed text into lines and hands each to a format.</summary>
/// <remarks>
/// Strips a UTF-8 byte-order mark and the <c>\r</c> of CRLF endings; a missing final newline is
/// fine. Generic over a struct format (Kestrel's pattern) so the per-line call is direct and the
/// loop allocates nothing.
/// </remarks>
internal static class FeedLines
{
    public static void Run<TFormat>(ReadOnlySpan<char> text, ref TFormat format, FeedCollector collector)
        where TFormat : struct, IFeedLineFormat
    {
        if (!text.IsEmpty && text[0] == '\uFEFF')
            text = text[1..];
        var lineNumber = 0;
        while (!text.IsEmpty)
        {
            var newline = text.IndexOf('\n');
            ReadOnlySpan<char> line;
            if (newline < 0)
            {
                line = text;
                text = default;
            }
            else
            {
                line = text[..newline];
                text = text[(newline + 1)..];
            }
            if (!line.IsEmpty && line[^1] == '\r')
                line = line[..^1];
            lineNumber++;
            format.ParseLine(line, lineNumber, collector);
        }
        collector.Lines = lineNumber;
        format.Finish(lineNumber, collector);
    }
}
