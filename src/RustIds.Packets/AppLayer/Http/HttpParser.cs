namespace RustIds.Packets.AppLayer.Http;

/// <summary>Incremental HTTP/1.0 and HTTP/1.1 parser for both directions of one TCP connection.</summary>
/// <remarks>
/// <para>Fed the reassembled, in-order byte stream of each direction in pieces of any size (one byte at a time gives
/// the same transactions as the whole stream at once). Requests (<see cref="FlowDirection.ToServer"/>) and responses
/// (<see cref="FlowDirection.ToClient"/>) pair in order, so keep-alive and pipelining work; interim 1xx responses
/// (100 Continue) are skipped, 101 and a successful CONNECT turn the connection into an ignored tunnel.</para>
/// <para>Bodies: chunked (de-chunked; extensions and trailers tolerated) or Content-Length, responses without either
/// until the connection closes (<see cref="OnEnd"/>), no body for HEAD, 1xx, 204 and 304. Bodies are stored up to the
/// limits in <see cref="HttpParserOptions"/>; the rest is counted. A direction that is not HTTP is counted once and
/// then ignored until <see cref="Reset"/>. Errors never throw: they are counted in <see cref="HttpCounters"/> and
/// flagged on the transaction.</para>
/// <para>One instance per flow, reused through <see cref="Reset"/>; buffers are kept, so once warmed up parsing
/// allocates nothing. Not thread-safe: one capture worker thread owns it.</para>
/// </remarks>
public sealed class HttpParser
{
    private readonly HttpTransactionQueue _queue;
    private readonly HttpStreamReader _requests;
    private readonly HttpStreamReader _responses;

    /// <summary>Creates a parser; transactions and buffers are allocated on first use and then reused.</summary>
    /// <exception cref="ArgumentException">The options are invalid (every problem is listed).</exception>
    public HttpParser(HttpParserOptions options, HttpCounters counters)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(counters);
        var problems = options.Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", problems), nameof(options));
        }

        Options = options;
        Counters = counters;
        _queue = new HttpTransactionQueue(options, counters);
        _requests = new HttpStreamReader(isRequest: true, options, counters, _queue);
        _responses = new HttpStreamReader(isRequest: false, options, counters, _queue);
        _requests.Peer = _responses;
        _responses.Peer = _requests;
    }

    /// <summary>The limits this parser enforces.</summary>
    public HttpParserOptions Options { get; }

    /// <summary>Where this parser counts.</summary>
    public HttpCounters Counters { get; }

    /// <summary>Whether bodies are kept (up to the limits) for inspection; when false only their lengths are counted. Set per connection.</summary>
    public bool StoreBodies
    {
        get => _requests.StoreBodies;
        set => _requests.StoreBodies = _responses.StoreBodies = value;
    }

    /// <summary>Forgets the connection so the parser can serve another flow; buffers are kept.</summary>
    public void Reset()
    {
        _queue.Reset();
        _requests.Reset();
        _responses.Reset();
    }

    /// <summary>True while <paramref name="direction"/> is still parsed (not a tunnel, not garbage, not ended).</summary>
    public bool IsParsing(FlowDirection direction) => Reader(direction)?.IsParsing ?? false;

    /// <summary>Parses the next bytes of one direction, reporting transactions to <paramref name="observer"/> as they complete.</summary>
    /// <param name="direction"><see cref="FlowDirection.ToServer"/> for requests, <see cref="FlowDirection.ToClient"/> for responses.</param>
    /// <param name="data">The next in-order bytes of that direction; not kept after the call.</param>
    /// <param name="observer">Receives header and completion events, during this call.</param>
    public void Parse(FlowDirection direction, ReadOnlySpan<byte> data, IHttpObserver observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        var reader = Reader(direction);
        if (reader is null)
        {
            Counters.CountIgnoredBytes(data.Length);
            return;
        }

        reader.Parse(data, observer);
    }

    /// <summary>Bytes of <paramref name="direction"/> were lost: the message in progress is reported truncated and
    /// parsing resumes at the next line starting with a known method (requests) or <c>HTTP/1.</c> (responses).</summary>
    /// <param name="direction">The direction with the gap.</param>
    /// <param name="observer">Receives the truncated message.</param>
    /// <remarks>Takes an observer, unlike a bare notification, so the cut-short message can still be inspected.</remarks>
    public void OnGap(FlowDirection direction, IHttpObserver observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        var reader = Reader(direction);
        if (reader is not null)
        {
            Counters.CountGap();
            reader.OnGap(observer);
        }
    }

    /// <summary>The direction ended (FIN or RST): completes a response delimited by the close, truncates anything else in progress.</summary>
    /// <param name="direction">The direction that ended.</param>
    /// <param name="observer">Receives the completed or truncated message.</param>
    public void OnEnd(FlowDirection direction, IHttpObserver observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        Reader(direction)?.OnEnd(observer);
    }

    private HttpStreamReader? Reader(FlowDirection direction) => direction switch
    {
        FlowDirection.ToServer => _requests,
        FlowDirection.ToClient => _responses,
        _ => null,
    };
}
