using RustIds.Reputation.Addresses;

namespace RustIds.Reputation.Feeds;

/// <summary>Delimited text with the address or CIDR in one configured column (RFC 4180 quoting, one row per line).</summary>
/// <remarks>
/// Fields may be double-quoted, with <c>""</c> for a quote inside; blanks around unquoted fields
/// are trimmed. A <c>#</c> or <c>;</c> outside quotes starts a comment unless it is the delimiter.
/// Quoted fields spanning lines are not supported (no address feed uses them): the row is reported
/// as an unterminated quote. With <see cref="FeedParseOptions.CsvHasHeader"/> the first row that is
/// not blank or a comment is skipped.
/// </remarks>
internal struct CsvLineFormat(int column, char delimiter, bool hasHeader) : IFeedLineFormat
{
    private bool _headerSkipped;

    public void ParseLine(ReadOnlySpan<char> line, int lineNumber, FeedCollector collector)
    {
        var first = SkipPadding(line, 0);
        if (first == line.Length || IsCommentStart(line[first]))
            return;
        if (hasHeader && !_headerSkipped)
        {
            _headerSkipped = true;
            return;
        }
        var field = 1;
        var i = 0;
        while (true)
        {
            i = SkipPadding(line, i);
            int valueStart, valueEnd, next;
            var quoted = i < line.Length && line[i] == '"';
            if (quoted)
            {
                valueStart = i + 1;
                valueEnd = ClosingQuote(line, valueStart);
                if (valueEnd < 0)
                {
                    collector.Garbage(lineNumber, i + 1, "unterminated quoted field");
                    return;
                }
                next = SkipPadding(line, valueEnd + 1);
                if (next < line.Length && line[next] != delimiter && !IsCommentStart(line[next]))
                {
                    collector.Garbage(lineNumber, next + 1, line[next..], "follows a closing quote; expected the delimiter");
                    return;
                }
            }
            else
            {
                next = i;
                while (next < line.Length && line[next] != delimiter && !IsCommentStart(line[next]))
                    next++;
                valueStart = i;
                valueEnd = next;
                while (valueEnd > valueStart && char.IsWhiteSpace(line[valueEnd - 1]))
                    valueEnd--;
            }
            if (field == column)
            {
                OfferValue(line[valueStart..valueEnd], quoted, lineNumber, valueStart + 1, collector);
                return;
            }
            if (next >= line.Length || line[next] != delimiter)
            {
                collector.Garbage(lineNumber, next + 1,
                    string.Create(System.Globalization.CultureInfo.InvariantCulture, $"row has {field} field(s); column {column} is missing"));
                return;
            }
            i = next + 1;
            field++;
        }
    }

    public readonly void Finish(int lines, FeedCollector collector)
    {
    }

    private readonly void OfferValue(ReadOnlySpan<char> raw, bool quoted, int lineNumber, int columnNumber, FeedCollector collector)
    {
        scoped ReadOnlySpan<char> value = raw;
        Span<char> unescaped = stackalloc char[128];
        if (quoted && raw.Contains('"'))
            value = raw.Length <= unescaped.Length ? unescaped[..Unescape(raw, unescaped)] : raw;
        if (quoted)
        {
            // Blanks inside quotes are part of the field, but an address with them is still the address.
            var start = LineText.SkipBlanks(value, 0);
            columnNumber += start;
            value = value[start..LineText.TrimmedEnd(value)];
        }
        if (value.IsEmpty)
        {
            collector.Garbage(lineNumber, columnNumber,
                string.Create(System.Globalization.CultureInfo.InvariantCulture, $"column {column} is empty"));
            return;
        }
        if (!AddressText.TryParseCidr(value, out var network))
        {
            collector.Garbage(lineNumber, columnNumber, value, "is not an IP address or CIDR network");
            return;
        }
        collector.Offer(network, lineNumber, columnNumber, value);
    }

    private readonly bool IsCommentStart(char c) => c is '#' or ';' && c != delimiter;

    // Spaces around fields are padding; a tab is too unless it is the delimiter.
    private readonly int SkipPadding(ReadOnlySpan<char> line, int i)
    {
        while (i < line.Length && line[i] != delimiter && char.IsWhiteSpace(line[i]))
            i++;
        return i;
    }

    // Index of the quote that closes a field opened just before `start`, skipping "" pairs; -1 if none.
    private static int ClosingQuote(ReadOnlySpan<char> line, int start)
    {
        var i = start;
        while (true)
        {
            var quote = line[i..].IndexOf('"');
            if (quote < 0)
                return -1;
            i += quote;
            if (i + 1 < line.Length && line[i + 1] == '"')
            {
                i += 2;
                continue;
            }
            return i;
        }
    }

    private static int Unescape(ReadOnlySpan<char> raw, Span<char> destination)
    {
        var written = 0;
        for (var i = 0; i < raw.Length; i++)
        {
            destination[written++] = raw[i];
            if (raw[i] == '"' && i + 1 < raw.Length && raw[i + 1] == '"')
                i++;
        }
        return written;
    }
}
