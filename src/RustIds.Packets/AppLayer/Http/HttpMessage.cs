namespace RustIds.Packets.AppLayer.Http;

/// <summary>Storage of one side (request or response) of a transaction: raw head, derived data, body and header index.</summary>
/// <remarks>
/// <see cref="Head"/> holds the start line and the header and trailer lines exactly as received; header names and
/// unchanged values point into it. <see cref="Derived"/> holds what parsing builds: the normalized URI and host,
/// unfolded and combined header values and the normalized header block. All buffers are kept across reuse.
/// </remarks>
internal sealed class HttpMessage
{
    private readonly int _maxHeaders;
    private HeaderEntry[] _headers = new HeaderEntry[16];

    public HttpMessage(HttpParserOptions options, int bodyLimit)
    {
        _maxHeaders = options.MaxHeaders;
        Head = new ByteBuffer(512, options.MaxStartLineBytes + 2 + options.MaxHeaderBlockBytes);
        Derived = new ByteBuffer(256, (2 * options.MaxStartLineBytes) + (3 * options.MaxHeaderBlockBytes));
        Body = new ByteBuffer(0, bodyLimit);
        Reset();
    }

    public ByteBuffer Head { get; }

    public ByteBuffer Derived { get; }

    public ByteBuffer Body { get; }

    public int HeaderCount { get; private set; }

    public bool Started { get; set; }

    public bool HeadersComplete { get; set; }

    public bool Complete { get; set; }

    /// <summary>Start line without its line end (in <see cref="Head"/>).</summary>
    public Segment Line { get; set; }

    /// <summary>Method (request) or protocol (response), in <see cref="Head"/>.</summary>
    public Segment Part1 { get; set; }

    /// <summary>Raw URI (request) or status code text (response), in <see cref="Head"/>.</summary>
    public Segment Part2 { get; set; }

    /// <summary>Protocol (request) or status message (response), in <see cref="Head"/>.</summary>
    public Segment Part3 { get; set; }

    /// <summary>Offset in <see cref="Head"/> where the header lines start.</summary>
    public int HeadersStart { get; set; }

    public Segment NormalizedUri { get; set; }

    public Segment Host { get; set; }

    public Segment HeaderBlock { get; set; }

    public HttpUriFlags UriFlags { get; set; }

    public int Version { get; set; }

    public int StatusCode { get; set; }

    public long? ContentLength { get; set; }

    /// <summary>Body bytes seen (after de-chunking), stored or not.</summary>
    public long BodyLength { get; set; }

    public int HostIndex { get; private set; }

    public int UserAgentIndex { get; private set; }

    public int CookieIndex { get; private set; }

    public int ContentTypeIndex { get; private set; }

    public int RefererIndex { get; private set; }

    public int ContentLengthIndex { get; private set; }

    public int TransferEncodingIndex { get; private set; }

    public void Reset()
    {
        Head.Clear();
        Derived.Clear();
        Body.Clear();
        HeaderCount = 0;
        Started = false;
        HeadersComplete = false;
        Complete = false;
        Line = Part1 = Part2 = Part3 = NormalizedUri = Host = HeaderBlock = default;
        HeadersStart = 0;
        UriFlags = HttpUriFlags.None;
        Version = 0;
        StatusCode = 0;
        ContentLength = null;
        BodyLength = 0;
        HostIndex = UserAgentIndex = CookieIndex = ContentTypeIndex = RefererIndex = ContentLengthIndex = TransferEncodingIndex = -1;
    }

    public ReadOnlySpan<byte> HeaderName(int index) => Head.Slice(_headers[index].Name);

    public ReadOnlySpan<byte> HeaderValue(int index)
    {
        ref readonly var entry = ref _headers[index];
        return entry.ValueDerived ? Derived.Slice(entry.Value) : Head.Slice(entry.Value);
    }

    public ReadOnlySpan<byte> KnownValue(int index) => index < 0 ? default : HeaderValue(index);

    public int Find(ReadOnlySpan<byte> name)
    {
        for (int i = 0; i < HeaderCount; i++)
        {
            if (System.Text.Ascii.EqualsIgnoreCase(HeaderName(i), name))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Indexes a header whose name and value are in <see cref="Head"/>; false when the index is full.</summary>
    public bool AddHeader(Segment name, Segment value)
    {
        if (HeaderCount >= _maxHeaders)
        {
            return false;
        }

        if (HeaderCount == _headers.Length)
        {
            Array.Resize(ref _headers, Math.Min(_headers.Length * 2, _maxHeaders));
        }

        _headers[HeaderCount++] = new HeaderEntry(name, value, valueDerived: false);
        return true;
    }

    /// <summary>Joins a continuation line to the last header's value with one space (RFC 9112 §5.2 obs-fold).</summary>
    public bool AppendToLastValue(ReadOnlySpan<byte> continuation)
    {
        if (HeaderCount == 0 || continuation.IsEmpty)
        {
            return true;
        }

        ref var entry = ref _headers[HeaderCount - 1];
        int separator = entry.Value.Length == 0 ? 0 : 1;
        if (entry.ValueDerived && entry.Value.End == Derived.Length)
        {
            if (!Derived.Reserve(separator + continuation.Length))
            {
                return false;
            }

            WriteSeparatorAndValue(separator, " "u8, continuation);
            entry = new HeaderEntry(entry.Name, new Segment(entry.Value.Offset, Derived.Length - entry.Value.Offset), valueDerived: true);
            return true;
        }

        return Concatenate(HeaderCount - 1, " "u8, continuation, useContinuation: true);
    }

    /// <summary>Combines repeated names into the first occurrence as <c>"a, b"</c> (libhtp's header table); true if any repeated.</summary>
    public bool CombineDuplicates(out bool overflow)
    {
        overflow = false;
        bool repeated = false;
        int kept = 0;
        for (int i = 0; i < HeaderCount; i++)
        {
            int first = -1;
            var name = HeaderName(i);
            for (int j = 0; j < kept; j++)
            {
                if (System.Text.Ascii.EqualsIgnoreCase(HeaderName(j), name))
                {
                    first = j;
                    break;
                }
            }

            if (first < 0)
            {
                _headers[kept++] = _headers[i];
                continue;
            }

            repeated = true;
            ref readonly var duplicate = ref _headers[i];
            if (!Concatenate(first, ", "u8, default, useContinuation: false, duplicate.Value, duplicate.ValueDerived))
            {
                overflow = true;
            }
        }

        HeaderCount = kept;
        return repeated;
    }

    /// <summary>Remembers where the headers the rule engine asks for by name are.</summary>
    public void IndexKnownHeaders()
    {
        HostIndex = UserAgentIndex = CookieIndex = ContentTypeIndex = RefererIndex = ContentLengthIndex = TransferEncodingIndex = -1;
        for (int i = HeaderCount - 1; i >= 0; i--)
        {
            var name = HeaderName(i);
            switch (name.Length)
            {
                case 4 when System.Text.Ascii.EqualsIgnoreCase(name, "Host"u8):
                    HostIndex = i;
                    break;
                case 6 when System.Text.Ascii.EqualsIgnoreCase(name, "Cookie"u8):
                    CookieIndex = i;
                    break;
                case 7 when System.Text.Ascii.EqualsIgnoreCase(name, "Referer"u8):
                    RefererIndex = i;
                    break;
                case 10 when System.Text.Ascii.EqualsIgnoreCase(name, "User-Agent"u8):
                    UserAgentIndex = i;
                    break;
                case 12 when System.Text.Ascii.EqualsIgnoreCase(name, "Content-Type"u8):
                    ContentTypeIndex = i;
                    break;
                case 14 when System.Text.Ascii.EqualsIgnoreCase(name, "Content-Length"u8):
                    ContentLengthIndex = i;
                    break;
                case 17 when System.Text.Ascii.EqualsIgnoreCase(name, "Transfer-Encoding"u8):
                    TransferEncodingIndex = i;
                    break;
            }
        }
    }

    /// <summary>Writes <c>Name: Value\r\n</c> for every indexed header into <see cref="Derived"/> (Suricata's <c>http.header</c>).</summary>
    public bool BuildHeaderBlock()
    {
        int total = 0;
        for (int i = 0; i < HeaderCount; i++)
        {
            total += _headers[i].Name.Length + _headers[i].Value.Length + 4;
        }

        if (!Derived.Reserve(total))
        {
            return false;
        }

        int start = Derived.Length;
        var output = Derived.Free(total);
        int written = 0;
        for (int i = 0; i < HeaderCount; i++)
        {
            HeaderName(i).CopyTo(output[written..]);
            written += _headers[i].Name.Length;
            ": "u8.CopyTo(output[written..]);
            written += 2;
            HeaderValue(i).CopyTo(output[written..]);
            written += _headers[i].Value.Length;
            "\r\n"u8.CopyTo(output[written..]);
            written += 2;
        }

        Derived.Advance(written);
        HeaderBlock = new Segment(start, written);
        return true;
    }

    // Writes value(index) + separator + tail at the end of Derived and points the header there.
    private bool Concatenate(int index, ReadOnlySpan<byte> separator, ReadOnlySpan<byte> continuation, bool useContinuation, Segment tail = default, bool tailDerived = false)
    {
        var current = _headers[index];
        int tailLength = useContinuation ? continuation.Length : tail.Length;
        int separatorLength = current.Value.Length == 0 || tailLength == 0 ? 0 : separator.Length;
        int total = current.Value.Length + separatorLength + tailLength;
        if (!Derived.Reserve(total))
        {
            return false;
        }

        // Reserve may have moved Derived, so every source span is taken after it.
        int start = Derived.Length;
        var output = Derived.Free(total);
        HeaderValue(index).CopyTo(output);
        separator[..separatorLength].CopyTo(output[current.Value.Length..]);
        var tailBytes = useContinuation ? continuation : tailDerived ? Derived.Slice(tail) : Head.Slice(tail);
        tailBytes.CopyTo(output[(current.Value.Length + separatorLength)..]);
        Derived.Advance(total);
        _headers[index] = new HeaderEntry(current.Name, new Segment(start, total), valueDerived: true);
        return true;
    }

    private void WriteSeparatorAndValue(int separatorLength, ReadOnlySpan<byte> separator, ReadOnlySpan<byte> value)
    {
        var output = Derived.Free(separatorLength + value.Length);
        separator[..separatorLength].CopyTo(output);
        value.CopyTo(output[separatorLength..]);
        Derived.Advance(separatorLength + value.Length);
    }

    private readonly struct HeaderEntry
    {
        public HeaderEntry(Segment name, Segment value, bool valueDerived)
        {
            Name = name;
            Value = value;
            ValueDerived = valueDerived;
        }

        public Segment Name { get; }

        public Segment Value { get; }

        public bool ValueDerived { get; }
    }
}
