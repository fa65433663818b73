namespace RustIds.Packets.AppLayer.Http;

/// <summary>Incremental parser of one direction of an HTTP/1.x connection: start line, headers, body framing.</summary>
/// <remarks>
/// Consumes any split of the byte stream with the same result: lines are gathered in the transaction's head buffer
/// (or a start-line buffer, so no transaction is taken for garbage), bodies are counted down or de-chunked straight
/// into the body buffer. Every step consumes at least one byte or moves to a state that does, so parsing always ends.
/// </remarks>
internal sealed class HttpStreamReader
{
    private readonly bool _isRequest;
    private readonly HttpParserOptions _options;
    private readonly HttpCounters _counters;
    private readonly HttpTransactionQueue _queue;
    private readonly ByteBuffer _line;
    private readonly HttpChunkSizeReader _chunkSize = new();
    private readonly HttpResyncScanner _resync;
    private readonly HttpHeaderSection _headers;
    private HttpReaderState _state;
    private HttpTransaction? _tx;
    private HttpTransaction? _interim;
    private bool _lineTruncated;
    private bool _methodEnded;
    private long _remaining;
    private bool _chunkEndCr;

    public HttpStreamReader(bool isRequest, HttpParserOptions options, HttpCounters counters, HttpTransactionQueue queue)
    {
        _isRequest = isRequest;
        _options = options;
        _counters = counters;
        _queue = queue;
        _line = new ByteBuffer(256, options.MaxStartLineBytes);
        _resync = new HttpResyncScanner(isRequest);
        _headers = new HttpHeaderSection(options, counters);
    }

    /// <summary>The reader of the other direction (for tunnels and CONNECT).</summary>
    public HttpStreamReader? Peer { get; set; }

    /// <summary>Whether message bodies are copied into the transaction (<see cref="HttpParser.StoreBodies"/>).</summary>
    public bool StoreBodies { get; set; } = true;

    public bool IsParsing => _state is not (HttpReaderState.Tunnel or HttpReaderState.Dead or HttpReaderState.Closed);

    private HttpMessage Message => _isRequest ? _tx!.Request : _tx!.Response;

    public void Reset()
    {
        _state = HttpReaderState.Idle;
        _tx = null;
        _interim = null;
        _line.Clear();
        _resync.Reset();
    }

    public void Parse(ReadOnlySpan<byte> data, IHttpObserver observer)
    {
        while (!data.IsEmpty)
        {
            switch (_state)
            {
                case HttpReaderState.Idle:
                    data = ConsumeIdle(data, observer);
                    break;
                case HttpReaderState.StartLine:
                    data = ConsumeStartLine(data, observer);
                    break;
                case HttpReaderState.Headers:
                case HttpReaderState.Trailers:
                    data = ConsumeHeaderLines(data, observer);
                    break;
                case HttpReaderState.BodyIdentity:
                case HttpReaderState.ChunkData:
                    data = ConsumeCountedBody(data, observer);
                    break;
                case HttpReaderState.BodyUntilClose:
                    AppendBody(data);
                    return;
                case HttpReaderState.ChunkSize:
                    data = ConsumeChunkSize(data, observer);
                    break;
                case HttpReaderState.ChunkDataEnd:
                    data = ConsumeChunkDataEnd(data);
                    break;
                case HttpReaderState.Resync:
                    data = ConsumeResync(data, observer);
                    break;
                case HttpReaderState.ConnectWait:
                    data = ConsumeConnectWait(data);
                    break;
                default:
                    _counters.CountIgnoredBytes(data.Length);
                    return;
            }
        }
    }

    /// <summary>Bytes were lost: the current message is reported as truncated and parsing looks for the next start line.</summary>
    public void OnGap(IHttpObserver observer)
    {
        if (!IsParsing)
        {
            return;
        }

        AbortMessage(observer);
        _state = HttpReaderState.Resync;
        _resync.Reset();
    }

    /// <summary>The direction ended: a body delimited by the close completes, anything else in progress is truncated.</summary>
    public void OnEnd(IHttpObserver observer)
    {
        if (_state == HttpReaderState.BodyUntilClose)
        {
            CompleteMessage(observer, truncated: false);
        }
        else
        {
            AbortMessage(observer);
        }

        _state = HttpReaderState.Closed;
    }

    /// <summary>The connection became an opaque tunnel: this direction stops parsing (a message in progress is truncated).</summary>
    public void EnterTunnel(IHttpObserver observer)
    {
        if (_state is HttpReaderState.Dead or HttpReaderState.Closed)
        {
            return;
        }

        AbortMessage(observer);
        _state = HttpReaderState.Tunnel;
    }

    /// <summary>The CONNECT was refused: requests continue.</summary>
    public void ResumeAfterConnect()
    {
        if (_state == HttpReaderState.ConnectWait)
        {
            _state = HttpReaderState.Idle;
        }
    }

    private ReadOnlySpan<byte> ConsumeIdle(ReadOnlySpan<byte> data, IHttpObserver observer)
    {
        if (!_isRequest && _interim is null && _queue.PeekResponse() is { Request.Version: 9 })
        {
            // HTTP/0.9: the response is the body alone, ended by the close.
            _tx = _queue.BeginResponse();
            _tx.Response.Started = true;
            _tx.Response.HeadersComplete = true;
            _tx.AddFlags(HttpTransactionFlags.Http09);
            _counters.CountResponse();
            observer.OnResponseHeaders(_tx);
            _state = HttpReaderState.BodyUntilClose;
            return data;
        }

        int i = 0;
        while (i < data.Length && HttpAscii.IsLineWhitespace(data[i]))
        {
            i++;
        }

        _line.Clear();
        _lineTruncated = false;
        _methodEnded = false;
        _state = HttpReaderState.StartLine;
        return data[i..];
    }

    private ReadOnlySpan<byte> ConsumeStartLine(ReadOnlySpan<byte> data, IHttpObserver observer)
    {
        int lf = data.IndexOf((byte)'\n');
        var chunk = lf >= 0 ? data[..lf] : data;
        if (!LooksLikeStart(chunk))
        {
            EnterDead();
            _counters.CountIgnoredBytes(data.Length);
            return default;
        }

        if (_line.Append(chunk) < chunk.Length)
        {
            _lineTruncated = true;
        }

        if (lf < 0)
        {
            return default;
        }

        StartMessage(observer);
        return data[(lf + 1)..];
    }

    // Early check so that binary junk is rejected at its first bytes instead of after a full line.
    private bool LooksLikeStart(ReadOnlySpan<byte> chunk)
    {
        if (_isRequest)
        {
            for (int i = 0; i < chunk.Length && !_methodEnded; i++)
            {
                if (HttpAscii.IsWhitespace(chunk[i]))
                {
                    _methodEnded = true;
                }
                else if (!HttpAscii.IsTokenChar(chunk[i]))
                {
                    return false;
                }
            }

            return true;
        }

        var prefix = "HTTP/"u8;
        for (int i = 0; i < chunk.Length && _line.Length + i < prefix.Length; i++)
        {
            if ((chunk[i] & 0xDF) != prefix[_line.Length + i] && chunk[i] != prefix[_line.Length + i])
            {
                return false;
            }
        }

        return true;
    }

    private void EnterDead()
    {
        _counters.Count(HttpError.NotHttp);
        _state = HttpReaderState.Dead;
    }

    private void StartMessage(IHttpObserver observer)
    {
        var line = _line.Span;
        int lineLength = line.Length > 0 && line[^1] == (byte)'\r' ? line.Length - 1 : line.Length;
        if (!IsStartLine(line[..lineLength]))
        {
            EnterDead();
            return;
        }

        if (_isRequest)
        {
            _tx = _queue.BeginRequest();
        }
        else
        {
            _tx = _interim ?? _queue.BeginResponse();
            _interim = null;
        }

        var message = Message;
        message.Reset();
        message.Started = true;
        message.Head.Append(line);
        message.Head.Append("\n"u8);
        message.HeadersStart = message.Head.Length;
        HttpTransactionFlags flags;
        if (_isRequest)
        {
            HttpStartLineParser.ParseRequest(message, lineLength, _lineTruncated, out flags);
            _counters.CountRequest();
            _headers.BuildUri(_tx, message);
        }
        else
        {
            HttpStartLineParser.ParseResponse(message, lineLength, out flags);
            if ((flags & HttpTransactionFlags.InvalidStatus) != 0)
            {
                _counters.Count(HttpError.InvalidStatus);
            }
        }

        if ((flags & HttpTransactionFlags.InvalidProtocol) != 0)
        {
            _counters.Count(HttpError.InvalidProtocol);
        }

        if (_lineTruncated)
        {
            flags |= _isRequest ? HttpTransactionFlags.RequestLineTooLong : HttpTransactionFlags.ResponseLineTooLong;
            _counters.Count(_isRequest ? HttpError.RequestLineTooLong : HttpError.ResponseLineTooLong);
        }

        _tx.AddFlags(flags);
        _headers.BeginMessage(message);
        if (message.Version == 9 && _isRequest)
        {
            message.HeadersComplete = true;
            observer.OnRequestHeaders(_tx);
            CompleteMessage(observer, truncated: false);
            return;
        }

        _state = HttpReaderState.Headers;
    }

    // A request line needs a method and a URI; a status line at least "HTTP/". Anything less is not HTTP.
    private bool IsStartLine(ReadOnlySpan<byte> line)
    {
        if (!_isRequest)
        {
            return HttpAscii.StartsWithHttpSlash(line);
        }

        int space = line.IndexOfAny((byte)' ', (byte)'\t');
        return space > 0 && line[space..].IndexOfAnyExcept((byte)' ', (byte)'\t') >= 0;
    }

    private ReadOnlySpan<byte> ConsumeHeaderLines(ReadOnlySpan<byte> data, IHttpObserver observer)
    {
        int consumed = _headers.Consume(data, _tx!, Message, out bool blockEnded);
        if (blockEnded)
        {
            if (_state == HttpReaderState.Trailers)
            {
                CompleteMessage(observer, truncated: false);
            }
            else
            {
                FinishHeaders(observer);
            }
        }

        return data[consumed..];
    }

    private void FinishHeaders(IHttpObserver observer)
    {
        var tx = _tx!;
        var message = Message;
        _headers.Finish(tx, message, _isRequest);
        HttpTransactionFlags flags;
        HttpBodyKind kind;
        if (_isRequest)
        {
            kind = HttpFraming.ForRequest(message, _counters, out flags);
        }
        else
        {
            kind = HttpFraming.ForResponse(message, tx.Request, _counters, out flags);
        }

        tx.AddFlags(flags);
        if (kind == HttpBodyKind.Interim)
        {
            // 100 Continue and friends: the final response for the same request follows.
            _counters.CountInterimResponse();
            message.Reset();
            _interim = tx;
            _tx = null;
            _state = HttpReaderState.Idle;
            return;
        }

        if (_isRequest)
        {
            observer.OnRequestHeaders(tx);
        }
        else
        {
            _counters.CountResponse();
            observer.OnResponseHeaders(tx);
        }

        switch (kind)
        {
            case HttpBodyKind.Identity:
                _remaining = message.ContentLength!.Value;
                _state = HttpReaderState.BodyIdentity;
                break;
            case HttpBodyKind.Chunked:
                _chunkSize.Reset();
                _state = HttpReaderState.ChunkSize;
                break;
            case HttpBodyKind.UntilClose:
                _state = HttpReaderState.BodyUntilClose;
                break;
            case HttpBodyKind.Tunnel:
                tx.AddFlags(HttpTransactionFlags.Tunnel);
                CompleteMessage(observer, truncated: false);
                _counters.CountTunnel();
                EnterTunnel(observer);
                Peer?.EnterTunnel(observer);
                break;
            default:
                CompleteMessage(observer, truncated: false);
                break;
        }
    }

    private ReadOnlySpan<byte> ConsumeCountedBody(ReadOnlySpan<byte> data, IHttpObserver observer)
    {
        int take = (int)Math.Min(_remaining, data.Length);
        AppendBody(data[..take]);
        _remaining -= take;
        if (_remaining == 0)
        {
            if (_state == HttpReaderState.BodyIdentity)
            {
                CompleteMessage(observer, truncated: false);
            }
            else
            {
                _chunkEndCr = false;
                _state = HttpReaderState.ChunkDataEnd;
            }
        }

        return data[take..];
    }

    private void AppendBody(ReadOnlySpan<byte> data)
    {
        var message = Message;
        message.BodyLength += data.Length;
        if (!StoreBodies)
        {
            return;
        }

        int stored = message.Body.Append(data);
        if (stored == data.Length)
        {
            return;
        }

        _counters.CountBodyBytesSkipped(data.Length - stored);
        var flag = _isRequest ? HttpTransactionFlags.RequestBodyTruncated : HttpTransactionFlags.ResponseBodyTruncated;
        if ((_tx!.Flags & flag) == 0)
        {
            _tx.AddFlags(flag);
            _counters.CountBodyTruncated();
        }
    }

    private ReadOnlySpan<byte> ConsumeChunkSize(ReadOnlySpan<byte> data, IHttpObserver observer)
    {
        int consumed = _chunkSize.Feed(data, _options.MaxStartLineBytes, out var result);
        switch (result)
        {
            case HttpChunkSizeReader.Result.Invalid:
                _counters.Count(HttpError.InvalidChunkLength);
                _tx!.AddFlags(HttpTransactionFlags.InvalidChunk);
                AbortMessage(observer);
                _state = HttpReaderState.Dead;
                _counters.CountIgnoredBytes(data.Length - consumed);
                return default;
            case HttpChunkSizeReader.Result.Size when _chunkSize.Size == 0:
                _state = HttpReaderState.Trailers;
                _headers.BeginBlock(Message);
                break;
            case HttpChunkSizeReader.Result.Size:
                _remaining = _chunkSize.Size;
                _state = HttpReaderState.ChunkData;
                break;
        }

        return data[consumed..];
    }

    private ReadOnlySpan<byte> ConsumeChunkDataEnd(ReadOnlySpan<byte> data)
    {
        byte b = data[0];
        if (b == (byte)'\r' && !_chunkEndCr)
        {
            _chunkEndCr = true;
            return data[1..];
        }

        _chunkSize.Reset();
        _state = HttpReaderState.ChunkSize;
        if (b == (byte)'\n')
        {
            return data[1..];
        }

        // Tolerated like libhtp: the byte is read as the start of the next chunk-size line.
        _counters.Count(HttpError.ChunkMissingTerminator);
        _tx!.AddFlags(HttpTransactionFlags.ChunkMissingTerminator);
        return data;
    }

    private ReadOnlySpan<byte> ConsumeResync(ReadOnlySpan<byte> data, IHttpObserver observer)
    {
        int consumed = _resync.Scan(data, out bool found);
        if (!found)
        {
            _counters.CountIgnoredBytes(consumed);
            return data[consumed..];
        }

        _state = HttpReaderState.Idle;
        Parse(_resync.Candidate, observer);
        _resync.Reset();
        return data[consumed..];
    }

    private ReadOnlySpan<byte> ConsumeConnectWait(ReadOnlySpan<byte> data)
    {
        // The client spoke before the proxy answered: a token starts another request, anything else is the tunnel.
        if (HttpAscii.IsTokenChar(data[0]) || HttpAscii.IsLineWhitespace(data[0]))
        {
            _state = HttpReaderState.Idle;
            return data;
        }

        _counters.CountTunnel();
        _state = HttpReaderState.Tunnel;
        _counters.CountIgnoredBytes(data.Length);
        return default;
    }

    private void CompleteMessage(IHttpObserver observer, bool truncated)
    {
        var tx = _tx!;
        if (truncated)
        {
            tx.AddFlags(_isRequest ? HttpTransactionFlags.RequestTruncated : HttpTransactionFlags.ResponseTruncated);
            _counters.CountTruncatedMessage();
        }

        Message.Complete = true;
        _tx = null;
        _state = HttpReaderState.Idle;
        if (_isRequest)
        {
            observer.OnRequestComplete(tx);
            if (!truncated && tx.Method.SequenceEqual("CONNECT"u8) && !tx.Response.Complete)
            {
                _state = HttpReaderState.ConnectWait;
            }
        }
        else
        {
            observer.OnResponseComplete(tx);
            if (tx.Request.Head.Slice(tx.Request.Part1).SequenceEqual("CONNECT"u8) && (tx.Flags & HttpTransactionFlags.Tunnel) == 0)
            {
                Peer?.ResumeAfterConnect();
            }
        }
    }

    // Reports a message in progress as truncated: headers first if they were not reported yet.
    private void AbortMessage(IHttpObserver observer)
    {
        if (_tx is null)
        {
            return;
        }

        if (!Message.HeadersComplete)
        {
            _headers.Finish(_tx, Message, _isRequest);
            if (_isRequest)
            {
                observer.OnRequestHeaders(_tx);
            }
            else
            {
                observer.OnResponseHeaders(_tx);
            }
        }

        CompleteMessage(observer, truncated: true);
    }
}
