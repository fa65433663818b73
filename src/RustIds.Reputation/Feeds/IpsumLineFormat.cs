namespace RustIds.Reputation.Feeds;

/// <summary>IPsum: <c>IP&lt;TAB&gt;count</c>, the count being how many blocklists carry the address.</summary>
/// <remarks>
/// The count is kept (clamped to 1–255; IPsum's highest is about 10) and returned by
/// <see cref="Blocklist.Hits"/>, so scoring can weigh an address seen on 8 lists above one seen on 1.
/// A line without a count (IPsum's <c>levels/N.txt</c>) counts 1; an unreadable count is reported and
/// counts 1, since the address itself was readable.
/// </remarks>
internal struct IpsumLineFormat : IFeedLineFormat
{
    public readonly void ParseLine(ReadOnlySpan<char> line, int lineNumber, FeedCollector collector)
    {
        var content = LineText.StripComment(line);
        if (!PlainLineFormat.TryReadEntry(content, lineNumber, collector, out var network, out var start, out var end))
            return;
        var hits = 1;
        var countStart = LineText.SkipBlanks(content, end);
        var countEnd = LineText.TokenEnd(content, countStart);
        if (countStart < content.Length && !TryParseCount(content[countStart..countEnd], out hits))
        {
            collector.Warn(lineNumber, countStart + 1, "count ", content[countStart..countEnd], " is not a whole number of 1 or more; counted as 1");
            hits = 1;
        }
        if (!collector.Offer(network, lineNumber, start + 1, content[start..end], hits))
            return;
        var rest = LineText.SkipBlanks(content, countEnd);
        if (rest < content.Length)
        {
            collector.Warn(lineNumber, rest + 1, "unexpected text ", content[rest..LineText.TrimmedEnd(content)],
                " after the count; the entry was kept");
        }
    }

    public readonly void Finish(int lines, FeedCollector collector)
    {
    }

    private static bool TryParseCount(ReadOnlySpan<char> text, out int count)
    {
        count = 0;
        if (text.IsEmpty)
            return false;
        foreach (var c in text)
        {
            if (c is < '0' or > '9')
                return false;
            // Clamp while reading: a 40-digit count must not overflow.
            count = Math.Min(255, (count * 10) + (c - '0'));
        }
        return count >= 1;
    }
}
