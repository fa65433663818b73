using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using RustIds.Reputation.Addresses;

namespace RustIds.Reputation.Feeds;

/// <summary>
/// Spamhaus DROP in its current NDJSON form: one <c>{"cidr":"1.10.16.0/20","sblid":...,"rir":...}</c>
/// object per line, then <c>{"type":"metadata",...,"records":N}</c>.
/// </summary>
/// <remarks>
/// Each line is read with <see cref="Utf8JsonReader"/> over a stack or pooled UTF-8 copy, so a line
/// costs no heap objects. Every non-metadata object counts as a record, with or without a
/// <c>cidr</c> (ASN-DROP's lines carry <c>asn</c> and are each reported as not an address entry);
/// the total is checked against the metadata's <c>records</c>: a mismatch or a missing metadata
/// line means a truncated download, reported but not fatal. <see cref="Utf8JsonReader"/> has no
/// non-throwing read, so malformed JSON is the one place a parser catches an exception; it is
/// caught right at the line and becomes a diagnostic with the reader's position.
/// </remarks>
internal struct SpamhausJsonLineFormat : IFeedLineFormat
{
    private const int StackLineBytes = 1024;
    private const int MaxCidrChars = 64;

    private int _records;
    private long _declaredRecords;
    private int _metadataLine;
    private int _metadataColumn;
    private bool _hasDeclaredRecords;

    public void ParseLine(ReadOnlySpan<char> line, int lineNumber, FeedCollector collector)
    {
        var first = LineText.SkipBlanks(line, 0);
        if (first == line.Length || line[first] is '#' or ';')
            return;
        var byteCount = Encoding.UTF8.GetByteCount(line);
        byte[]? rented = null;
        Span<byte> bytes = byteCount <= StackLineBytes
            ? stackalloc byte[StackLineBytes]
            : (rented = ArrayPool<byte>.Shared.Rent(byteCount));
        try
        {
            bytes = bytes[..Encoding.UTF8.GetBytes(line, bytes)];
            ParseObject(line, bytes, lineNumber, collector);
        }
        finally
        {
            if (rented is not null)
                ArrayPool<byte>.Shared.Return(rented);
        }
    }

    public readonly void Finish(int lines, FeedCollector collector)
    {
        if (_metadataLine == 0)
        {
            if (_records > 0)
            {
                collector.Warn(Math.Max(lines, 1), 1, string.Create(CultureInfo.InvariantCulture,
                    $"no metadata line after {_records} records: the download may be truncated"));
            }
            return;
        }
        if (_hasDeclaredRecords && _declaredRecords != _records)
        {
            collector.Warn(_metadataLine, _metadataColumn, string.Create(CultureInfo.InvariantCulture,
                $"metadata says {_declaredRecords} records but {_records} were read: the download may be truncated"));
        }
    }

    private void ParseObject(ReadOnlySpan<char> line, ReadOnlySpan<byte> bytes, int lineNumber, FeedCollector collector)
    {
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { AllowMultipleValues = true });
        Span<char> cidrText = stackalloc char[MaxCidrChars];
        var cidrLength = -1;
        var cidrColumn = 0;
        var cidrIsText = true;
        var isMetadata = false;
        long? records = null;
        var recordsColumn = 0;
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                collector.Garbage(lineNumber, LineText.SkipBlanks(line, 0) + 1, line.Trim(), "is not a JSON object");
                return;
            }
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("cidr"u8))
                {
                    reader.Read();
                    cidrColumn = Column(bytes, reader.TokenStartIndex);
                    cidrIsText = reader.TokenType == JsonTokenType.String && reader.ValueSpan.Length <= MaxCidrChars;
                    if (cidrIsText)
                    {
                        cidrColumn++; // past the opening quote
                        cidrLength = reader.CopyString(cidrText);
                    }
                    reader.Skip();
                }
                else if (reader.ValueTextEquals("type"u8))
                {
                    reader.Read();
                    isMetadata = reader.TokenType == JsonTokenType.String && reader.ValueTextEquals("metadata"u8);
                    reader.Skip();
                }
                else if (reader.ValueTextEquals("records"u8))
                {
                    reader.Read();
                    recordsColumn = Column(bytes, reader.TokenStartIndex);
                    records = reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var value) ? value : null;
                    reader.Skip();
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }
            if (reader.TokenType != JsonTokenType.EndObject || reader.CurrentDepth != 0)
            {
                collector.Garbage(lineNumber, Column(bytes, reader.TokenStartIndex), "unexpected JSON token in the object");
                return;
            }
        }
        catch (JsonException ex)
        {
            var column = Column(bytes, ex.BytePositionInLine ?? 0);
            collector.Garbage(lineNumber, column, line[(column - 1)..], "is not valid JSON");
            return;
        }
        if (isMetadata)
        {
            Metadata(records, lineNumber, recordsColumn, collector);
            return;
        }
        // Every well-formed object is a record of the download, whatever is wrong inside it.
        _records++;
        if (!cidrIsText)
        {
            collector.Garbage(lineNumber, cidrColumn, "\"cidr\" is not a short string");
            return;
        }
        if (cidrLength < 0)
        {
            collector.Garbage(lineNumber, LineText.SkipBlanks(line, 0) + 1, "not an address entry: the object has no \"cidr\"");
            return;
        }
        var text = cidrText[..cidrLength];
        if (!AddressText.TryParseCidr(text, out var network))
        {
            collector.Garbage(lineNumber, cidrColumn, text, "is not an IP address or CIDR network");
            return;
        }
        if (!collector.Offer(network, lineNumber, cidrColumn, text))
            return;
        var rest = LineText.SkipBlanks(line, Column(bytes, reader.BytesConsumed) - 1);
        if (rest < line.Length && line[rest] is not ('#' or ';'))
        {
            collector.Warn(lineNumber, rest + 1, "unexpected text ", line[rest..LineText.TrimmedEnd(line)],
                " after the JSON object; the entry was kept");
        }
    }

    private void Metadata(long? records, int lineNumber, int recordsColumn, FeedCollector collector)
    {
        if (_metadataLine != 0)
        {
            collector.Warn(lineNumber, 1, string.Create(CultureInfo.InvariantCulture,
                $"a second metadata line; the one on line {_metadataLine} is used"));
            return;
        }
        _metadataLine = lineNumber;
        _metadataColumn = Math.Max(recordsColumn, 1);
        if (records is not { } declared)
        {
            collector.Warn(lineNumber, _metadataColumn, "metadata has no numeric \"records\"; the record count cannot be checked");
            return;
        }
        _hasDeclaredRecords = true;
        _declaredRecords = declared;
    }

    // 1-based character column of a byte offset in the UTF-8 copy of the line.
    private static int Column(ReadOnlySpan<byte> bytes, long byteOffset) =>
        Encoding.UTF8.GetCharCount(bytes[..(int)Math.Clamp(byteOffset, 0, bytes.Length)]) + 1;
}
