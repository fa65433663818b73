namespace RustIds.Packets.AppLayer.Http;

/// <summary>One request and its response on an HTTP/1.x connection, as the rule engine's buffers see them.</summary>
/// <remarks>
/// <para>Owned and reused by its <see cref="HttpParser"/>. Spans are views into the parser's buffers: use them during the
/// observer callback; they stay valid until the parser reuses the transaction (after both sides completed and
/// <see cref="HttpParserOptions.MaxPendingTransactions"/> later requests started), but bytes may still be appended to a
/// side that is not complete. Empty spans mean "absent".</para>
/// <para>Property names map to Suricata sticky buffers as noted on each member. Not thread-safe.</para>
/// </remarks>
public sealed class HttpTransaction
{
    private readonly HttpMessage _request;
    private readonly HttpMessage _response;

    internal HttpTransaction(HttpParserOptions options)
    {
        _request = new HttpMessage(options, options.RequestBodyLimitBytes);
        _response = new HttpMessage(options, options.ResponseBodyLimitBytes);
    }

    /// <summary>Position of the transaction on its connection: 1, 2, 3…; 0 for a response that had no request.</summary>
    public ulong Id { get; private set; }

    /// <summary>Anomalies and states seen so far.</summary>
    public HttpTransactionFlags Flags { get; private set; }

    /// <summary>What URI normalization found (encodings, overlong UTF-8, separators).</summary>
    public HttpUriFlags UriFlags => _request.UriFlags;

    /// <summary>True once a request line was parsed for this transaction.</summary>
    public bool HasRequest => _request.Started;

    /// <summary>True once a response status line was parsed for this transaction.</summary>
    public bool HasResponse => _response.Started;

    /// <summary>True once the request, body included, is complete.</summary>
    public bool IsRequestComplete => _request.Complete;

    /// <summary>True once the response, body included, is complete.</summary>
    public bool IsResponseComplete => _response.Complete;

    /// <summary>Request method (<c>http.method</c>).</summary>
    public ReadOnlySpan<byte> Method => _request.Head.Slice(_request.Part1);

    /// <summary>Request-target as sent (<c>http.uri.raw</c>).</summary>
    public ReadOnlySpan<byte> RawUri => _request.Head.Slice(_request.Part2);

    /// <summary>Normalized URI (<c>http.uri</c>); rules in <see cref="HttpUriNormalizer"/>.</summary>
    public ReadOnlySpan<byte> NormalizedUri => _request.Derived.Slice(_request.NormalizedUri);

    /// <summary>Request protocol, such as <c>HTTP/1.1</c> (<c>http.protocol</c>); empty for HTTP/0.9.</summary>
    public ReadOnlySpan<byte> RequestProtocol => _request.Head.Slice(_request.Part3);

    /// <summary>Request line without its line end (<c>http.request_line</c>).</summary>
    public ReadOnlySpan<byte> RequestLine => _request.Head.Slice(_request.Line);

    /// <summary>Host from the absolute URI or else the Host header, lowercased, port and trailing dots removed (<c>http.host</c>).</summary>
    public ReadOnlySpan<byte> Host => _request.Derived.Slice(_request.Host);

    /// <summary>Host header value as sent, trimmed (<c>http.host.raw</c>).</summary>
    public ReadOnlySpan<byte> HostRaw => _request.KnownValue(_request.HostIndex);

    /// <summary>User-Agent header value (<c>http.user_agent</c>).</summary>
    public ReadOnlySpan<byte> UserAgent => _request.KnownValue(_request.UserAgentIndex);

    /// <summary>Cookie header value (<c>http.cookie</c>).</summary>
    public ReadOnlySpan<byte> Cookie => _request.KnownValue(_request.CookieIndex);

    /// <summary>Request Content-Type header value (<c>http.content_type</c>).</summary>
    public ReadOnlySpan<byte> ContentType => _request.KnownValue(_request.ContentTypeIndex);

    /// <summary>Request Content-Length header value as text (<c>http.content_len</c>).</summary>
    public ReadOnlySpan<byte> ContentLengthText => _request.KnownValue(_request.ContentLengthIndex);

    /// <summary>Referer header value (<c>http.referer</c>).</summary>
    public ReadOnlySpan<byte> Referer => _request.KnownValue(_request.RefererIndex);

    /// <summary>Request Content-Length when present and valid.</summary>
    public long? RequestContentLength => _request.ContentLength;

    /// <summary>Request body after de-chunking, up to the body limit (<c>http.request_body</c>).</summary>
    public ReadOnlySpan<byte> RequestBody => _request.Body.Span;

    /// <summary>Request body bytes seen, stored or not.</summary>
    public long RequestBodyLength => _request.BodyLength;

    /// <summary>Request header and trailer lines exactly as received, line ends and the blank line included (<c>http.header.raw</c>).</summary>
    public ReadOnlySpan<byte> RequestHeadersRaw => _request.Head.Span[_request.HeadersStart..];

    /// <summary>Request headers as <c>Name: Value\r\n</c> lines, folded lines joined, duplicates combined (<c>http.header</c>).</summary>
    public ReadOnlySpan<byte> RequestHeaders => _request.Derived.Slice(_request.HeaderBlock);

    /// <summary>Request headers indexed (duplicates combined).</summary>
    public int RequestHeaderCount => _request.HeaderCount;

    /// <summary>Status code, or 0 when absent or invalid.</summary>
    public int StatusCode => _response.StatusCode;

    /// <summary>Status code as sent (<c>http.stat_code</c>).</summary>
    public ReadOnlySpan<byte> StatusCodeText => _response.Head.Slice(_response.Part2);

    /// <summary>Reason phrase (<c>http.stat_msg</c>).</summary>
    public ReadOnlySpan<byte> StatusMessage => _response.Head.Slice(_response.Part3);

    /// <summary>Response protocol, such as <c>HTTP/1.1</c>.</summary>
    public ReadOnlySpan<byte> ResponseProtocol => _response.Head.Slice(_response.Part1);

    /// <summary>Status line without its line end (<c>http.response_line</c>).</summary>
    public ReadOnlySpan<byte> ResponseLine => _response.Head.Slice(_response.Line);

    /// <summary>Response Content-Type header value (<c>http.content_type</c> to client).</summary>
    public ReadOnlySpan<byte> ResponseContentType => _response.KnownValue(_response.ContentTypeIndex);

    /// <summary>Response Content-Length when present and valid.</summary>
    public long? ResponseContentLength => _response.ContentLength;

    /// <summary>Response body after de-chunking, up to the body limit (<c>http.response_body</c>).</summary>
    public ReadOnlySpan<byte> ResponseBody => _response.Body.Span;

    /// <summary>Response body bytes seen, stored or not.</summary>
    public long ResponseBodyLength => _response.BodyLength;

    /// <summary>Response header and trailer lines exactly as received (<c>http.header.raw</c> to client).</summary>
    public ReadOnlySpan<byte> ResponseHeadersRaw => _response.Head.Span[_response.HeadersStart..];

    /// <summary>Response headers as <c>Name: Value\r\n</c> lines (<c>http.header</c> to client).</summary>
    public ReadOnlySpan<byte> ResponseHeaders => _response.Derived.Slice(_response.HeaderBlock);

    /// <summary>Response headers indexed (duplicates combined).</summary>
    public int ResponseHeaderCount => _response.HeaderCount;

    internal HttpMessage Request => _request;

    internal HttpMessage Response => _response;

    /// <summary>Request header <paramref name="index"/> (0 ≤ index &lt; <see cref="RequestHeaderCount"/>).</summary>
    public HttpHeader GetRequestHeader(int index) => Get(_request, index);

    /// <summary>Response header <paramref name="index"/> (0 ≤ index &lt; <see cref="ResponseHeaderCount"/>).</summary>
    public HttpHeader GetResponseHeader(int index) => Get(_response, index);

    /// <summary>Finds a request header by name, ignoring case.</summary>
    public bool TryGetRequestHeader(ReadOnlySpan<byte> name, out ReadOnlySpan<byte> value) => TryGet(_request, name, out value);

    /// <summary>Finds a response header by name, ignoring case.</summary>
    public bool TryGetResponseHeader(ReadOnlySpan<byte> name, out ReadOnlySpan<byte> value) => TryGet(_response, name, out value);

    internal void Reset(ulong id, HttpTransactionFlags flags)
    {
        Id = id;
        Flags = flags;
        _request.Reset();
        _response.Reset();
    }

    internal void AddFlags(HttpTransactionFlags flags) => Flags |= flags;

    private static HttpHeader Get(HttpMessage message, int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, message.HeaderCount);
        return new HttpHeader(message.HeaderName(index), message.HeaderValue(index));
    }

    private static bool TryGet(HttpMessage message, ReadOnlySpan<byte> name, out ReadOnlySpan<byte> value)
    {
        int index = message.Find(name);
        value = index < 0 ? default : message.HeaderValue(index);
        return index >= 0;
    }
}
