using RustIds.Packets;
using RustIds.Reputation.Addresses;

namespace RustIds.Reputation.Feeds;

/// <summary>
/// DShield's Recommended Block List: tab-separated <c>Start End Netblock Attacks Name Country email</c>
/// rows under a <c>#</c> header, a column-header row, and a <c># END</c> trailer.
/// </summary>
/// <remarks>
/// Only the first three columns are read. A row becomes <c>Start/Netblock</c> when Netblock is a
/// prefix length (what DShield writes: 24), with a warning if End disagrees; without a usable
/// Netblock the Start–End range is split into the CIDRs that cover it exactly. A row whose networks
/// include a refused one is refused whole: half of a hostile range is still hostile. Rows without a
/// tab are split on blanks, for copies whose tabs became spaces.
/// </remarks>
internal struct DShieldLineFormat : IFeedLineFormat
{
    public readonly void ParseLine(ReadOnlySpan<char> line, int lineNumber, FeedCollector collector)
    {
        var content = LineText.StripComment(line);
        if (LineText.SkipBlanks(content, 0) == content.Length)
            return;
        Span<Range> fields = stackalloc Range[3];
        var count = SplitFields(content, fields);
        var startText = content[fields[0]];
        var column = fields[0].Start.Value + 1;
        if (count >= 1 && startText.Equals("Start", StringComparison.OrdinalIgnoreCase))
            return;
        if (!AddressText.TryParseAddress(startText, out var start))
        {
            collector.Garbage(lineNumber, column, startText, "is not a start address");
            return;
        }
        IpAddr end = default;
        var hasEnd = count >= 2 && AddressText.TryParseAddress(content[fields[1]], out end) && end.Family == start.Family;
        if (count >= 3 && AddressText.TryParsePrefix(content[fields[2]], start.BitLength, out var prefix))
        {
            var network = new Cidr(start, prefix);
            var refusal = collector.Check(network);
            if (refusal.IsRefused)
            {
                collector.Refuse(lineNumber, column, network.ToString(), refusal, start.IsV4);
                return;
            }
            collector.Add(network);
            if (hasEnd && new UInt128(end.High, end.Low) != network.Last)
            {
                collector.Warn(lineNumber, fields[1].Start.Value + 1, "end ", content[fields[1]],
                    $" does not match /{prefix}; used {network}");
            }
            return;
        }
        if (!hasEnd)
        {
            var where = count >= 2 ? fields[1] : new Range(content.Length, content.Length);
            collector.Garbage(lineNumber, where.Start.Value + 1, content[where], "is neither a netblock length nor an end address of the start's family");
            return;
        }
        OfferRange(start, end, lineNumber, column, collector);
    }

    public readonly void Finish(int lines, FeedCollector collector)
    {
    }

    private static void OfferRange(IpAddr start, IpAddr end, int lineNumber, int column, FeedCollector collector)
    {
        var first = new UInt128(start.High, start.Low);
        var last = new UInt128(end.High, end.Low);
        if (last < first)
        {
            collector.Garbage(lineNumber, column, $"{start}-{end}", "ends before it starts");
            return;
        }
        var networks = RangeDecomposer.Decompose(first, last, start.BitLength);
        foreach (var network in networks)
        {
            var refusal = collector.Check(network);
            if (refusal.IsRefused)
            {
                collector.Refuse(lineNumber, column, $"{start}-{end}", refusal, start.IsV4);
                return;
            }
        }
        foreach (var network in networks)
            collector.Add(network);
    }

    // Fills up to fields.Length ranges; returns how many fields the row has (at most fields.Length).
    private static int SplitFields(ReadOnlySpan<char> content, Span<Range> fields)
    {
        var count = 0;
        if (content.Contains('\t'))
        {
            foreach (var range in content.Split('\t'))
            {
                if (count == fields.Length)
                    break;
                fields[count++] = Trim(content, range);
            }
            return count;
        }
        var i = LineText.SkipBlanks(content, 0);
        while (i < content.Length && count < fields.Length)
        {
            var end = LineText.TokenEnd(content, i);
            fields[count++] = new Range(i, end);
            i = LineText.SkipBlanks(content, end);
        }
        return count;
    }

    private static Range Trim(ReadOnlySpan<char> content, Range range)
    {
        var (offset, length) = range.GetOffsetAndLength(content.Length);
        var start = LineText.SkipBlanks(content[..(offset + length)], offset);
        var end = offset + LineText.TrimmedEnd(content.Slice(offset, length));
        return end < start ? new Range(start, start) : new Range(start, end);
    }
}
