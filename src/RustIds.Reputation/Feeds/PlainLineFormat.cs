using RustIds.Reputation.Addresses;

namespace RustIds.Reputation.Feeds;

/// <summary>
/// One address or CIDR per line with <c>#</c>/<c>;</c> comments: plain lists, FireHOL netsets,
/// Spamhaus DROP text (<c>CIDR ; SBLnnn</c>, or the mirrors' <c>CIDR </c>), Feodo, Tor exits.
/// </summary>
/// <remarks>Text after the entry is reported and the entry kept: the address itself was readable.</remarks>
internal struct PlainLineFormat : IFeedLineFormat
{
    public readonly void ParseLine(ReadOnlySpan<char> line, int lineNumber, FeedCollector collector)
    {
        var content = LineText.StripComment(line);
        if (!TryReadEntry(content, lineNumber, collector, out var network, out var start, out var end))
            return;
        if (!collector.Offer(network, lineNumber, start + 1, content[start..end]))
            return;
        var rest = LineText.SkipBlanks(content, end);
        if (rest < content.Length)
        {
            collector.Warn(lineNumber, rest + 1, "unexpected text ", content[rest..LineText.TrimmedEnd(content)],
                " after the entry; the entry was kept");
        }
    }

    public readonly void Finish(int lines, FeedCollector collector)
    {
    }

    /// <summary>
    /// Reads the first token of a comment-free line as an address or CIDR; false for a blank line and for garbage
    /// (reported). <paramref name="start"/>..<paramref name="end"/> is the token, for positions and messages.
    /// </summary>
    internal static bool TryReadEntry(ReadOnlySpan<char> content, int lineNumber, FeedCollector collector, out Cidr network, out int start, out int end)
    {
        network = default;
        start = LineText.SkipBlanks(content, 0);
        end = start;
        if (start == content.Length)
            return false;
        end = LineText.TokenEnd(content, start);
        var token = content[start..end];
        if (AddressText.TryParseCidr(token, out network))
            return true;
        collector.Garbage(lineNumber, start + 1, token, "is not an IP address or CIDR network");
        return false;
    }
}
