namespace RustIds.Packets.AppLayer.Http;

/// <summary>Reads the header (or trailer) lines of one message into its head buffer and builds the derived fields.</summary>
/// <remarks>
/// Lines are stored as received, so <c>http.header.raw</c> is exact; past <see cref="HttpParserOptions.MaxHeaderBlockBytes"/>
/// bytes are skipped up to the blank line. Each stored line is indexed (name, value trimmed); a line starting with
/// whitespace continues the previous value (obs-fold, joined with one space). When the block ends, duplicates are
/// combined, the well-known fields are located and the normalized header block and host are built.
/// </remarks>
internal sealed class HttpHeaderSection
{
    private readonly HttpParserOptions _options;
    private readonly HttpCounters _counters;
    private int _lineStart;
    private int _lineContent;
    private bool _lineEndsWithCr;
    private bool _lineDiscarding;
    private int _headerBytes;
    private int _headerLines;
    private bool _canFold;

    public HttpHeaderSection(HttpParserOptions options, HttpCounters counters)
    {
        _options = options;
        _counters = counters;
    }

    /// <summary>Starts the headers of a new message (the limits count from here).</summary>
    public void BeginMessage(HttpMessage message)
    {
        _headerBytes = 0;
        _headerLines = 0;
        BeginBlock(message);
    }

    /// <summary>Starts another block of the same message (trailers), sharing its limits.</summary>
    public void BeginBlock(HttpMessage message)
    {
        _canFold = false;
        ResetLine(message);
    }

    /// <summary>Consumes bytes up to the end of one line; <paramref name="blockEnded"/> when it was the blank line.</summary>
    public int Consume(ReadOnlySpan<byte> data, HttpTransaction tx, HttpMessage message, out bool blockEnded)
    {
        blockEnded = false;
        int lf = data.IndexOf((byte)'\n');
        int contentEnd = lf >= 0 ? lf : data.Length;
        int chunkLength = lf >= 0 ? lf + 1 : data.Length;
        if (contentEnd > 0)
        {
            _lineContent += contentEnd;
            _lineEndsWithCr = data[contentEnd - 1] == (byte)'\r';
        }

        if (!_lineDiscarding)
        {
            int room = Math.Max(0, _options.MaxHeaderBlockBytes - _headerBytes);
            int stored = message.Head.Append(data[..Math.Min(chunkLength, room)]);
            _headerBytes += stored;
            if (stored < chunkLength)
            {
                _lineDiscarding = true;
                if ((tx.Flags & HttpTransactionFlags.HeadersTooLarge) == 0)
                {
                    tx.AddFlags(HttpTransactionFlags.HeadersTooLarge);
                    _counters.Count(HttpError.HeadersTooLarge);
                }
            }
        }

        if (lf < 0)
        {
            return data.Length;
        }

        int content = _lineContent - (_lineEndsWithCr ? 1 : 0);
        if (content == 0)
        {
            blockEnded = true;
        }
        else if (!_lineDiscarding)
        {
            AddLine(tx, message, _lineStart, content);
        }
        else
        {
            _canFold = false;
        }

        ResetLine(message);
        return lf + 1;
    }

    /// <summary>Combines duplicates, locates well-known fields, builds the header block and (requests) the host.</summary>
    public void Finish(HttpTransaction tx, HttpMessage message, bool isRequest)
    {
        if (message.CombineDuplicates(out bool overflow))
        {
            tx.AddFlags(HttpTransactionFlags.HeaderRepetition);
        }

        if (overflow)
        {
            MarkDerivedOverflow(tx);
        }

        message.IndexKnownHeaders();
        if (!message.BuildHeaderBlock())
        {
            MarkDerivedOverflow(tx);
        }

        message.HeadersComplete = true;
        if (isRequest)
        {
            BuildHost(tx, message);
        }
    }

    /// <summary>Writes the normalized URI of a request into its derived buffer.</summary>
    public void BuildUri(HttpTransaction tx, HttpMessage message)
    {
        var raw = message.Head.Slice(message.Part2);
        if (!message.Derived.Reserve(raw.Length))
        {
            MarkDerivedOverflow(tx);
            return;
        }

        int start = message.Derived.Length;
        int written = HttpUriNormalizer.Normalize(raw, message.Derived.Free(raw.Length), out var uriFlags);
        message.Derived.Advance(written);
        message.NormalizedUri = new Segment(start, written);
        message.UriFlags = uriFlags;
    }

    private void ResetLine(HttpMessage message)
    {
        _lineStart = message.Head.Length;
        _lineContent = 0;
        _lineEndsWithCr = false;
        _lineDiscarding = false;
    }

    private void AddLine(HttpTransaction tx, HttpMessage message, int start, int length)
    {
        var line = message.Head.Slice(start, length);
        if (HttpAscii.IsWhitespace(line[0]))
        {
            if (_canFold)
            {
                tx.AddFlags(HttpTransactionFlags.HeaderFolding);
                if (!message.AppendToLastValue(HttpAscii.Trim(line)))
                {
                    MarkDerivedOverflow(tx);
                }

                return;
            }

            tx.AddFlags(HttpTransactionFlags.InvalidFolding);
            _counters.Count(HttpError.InvalidHeaderFolding);
        }

        if (_headerLines >= _options.MaxHeaders)
        {
            _canFold = false;
            if ((tx.Flags & HttpTransactionFlags.TooManyHeaders) == 0)
            {
                tx.AddFlags(HttpTransactionFlags.TooManyHeaders);
                _counters.Count(HttpError.TooManyHeaders);
            }

            return;
        }

        _headerLines++;
        int colon = line.IndexOf((byte)':');
        Segment name = new(start, 0);
        if (colon <= 0)
        {
            // libhtp keeps a line without a colon as a header with an empty name and the line as its value.
            tx.AddFlags(HttpTransactionFlags.HeaderMissingColon);
            _counters.Count(HttpError.HeaderMissingColon);
        }
        else
        {
            HttpAscii.Trim(line[..colon], out int nameStart, out int nameLength);
            name = new Segment(start + nameStart, nameLength);
        }

        HttpAscii.Trim(line[(colon + 1)..], out int valueStart, out int valueLength);
        _canFold = message.AddHeader(name, new Segment(start + colon + 1 + valueStart, valueLength));
    }

    // Host from the absolute URI's authority, else from the Host header; flagged when both exist and differ.
    private void BuildHost(HttpTransaction tx, HttpMessage message)
    {
        var raw = message.Head.Slice(message.Part2);
        var header = message.KnownValue(message.HostIndex);
        bool absolute = HttpUriNormalizer.TryGetAuthority(raw, out int offset, out int length);
        var source = absolute ? raw.Slice(offset, length) : header;
        if (source.IsEmpty)
        {
            return;
        }

        var derived = message.Derived;
        if (!derived.Reserve(source.Length + header.Length))
        {
            MarkDerivedOverflow(tx);
            return;
        }

        // Sources live in Head, which Reserve on Derived does not move.
        int start = derived.Length;
        int written = HttpUriNormalizer.NormalizeHost(source, derived.Free(source.Length));
        derived.Advance(written);
        message.Host = new Segment(start, written);
        if (absolute && message.HostIndex >= 0)
        {
            int headerWritten = HttpUriNormalizer.NormalizeHost(header, derived.Free(header.Length));
            if (!derived.Slice(start, written).SequenceEqual(derived.Free(headerWritten)))
            {
                tx.AddFlags(HttpTransactionFlags.HostAmbiguous);
            }
        }
    }

    private void MarkDerivedOverflow(HttpTransaction tx)
    {
        _counters.Count(HttpError.DerivedDataTooLarge);
        tx.AddFlags(HttpTransactionFlags.DerivedDataTooLarge);
    }
}
