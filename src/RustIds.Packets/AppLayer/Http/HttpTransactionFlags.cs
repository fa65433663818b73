namespace RustIds.Packets.AppLayer.Http;

/// <summary>Anomalies and states recorded on one transaction, for rules and logging.</summary>
[Flags]
public enum HttpTransactionFlags : ulong
{
    None = 0,

    /// <summary>The request ended early (gap, connection end, chunk error).</summary>
    RequestTruncated = 1UL << 0,

    /// <summary>The response ended early (gap, connection end, chunk error).</summary>
    ResponseTruncated = 1UL << 1,

    /// <summary>The request body was longer than the limit; only the first bytes are stored.</summary>
    RequestBodyTruncated = 1UL << 2,

    /// <summary>The response body was longer than the limit; only the first bytes are stored.</summary>
    ResponseBodyTruncated = 1UL << 3,

    /// <summary>The request line was longer than the limit and was truncated.</summary>
    RequestLineTooLong = 1UL << 4,

    /// <summary>The response line was longer than the limit and was truncated.</summary>
    ResponseLineTooLong = 1UL << 5,

    /// <summary>A header block was larger than the limit.</summary>
    HeadersTooLarge = 1UL << 6,

    /// <summary>More header lines than the limit; the rest are not indexed.</summary>
    TooManyHeaders = 1UL << 7,

    /// <summary>A header value was folded over several lines (obs-fold).</summary>
    HeaderFolding = 1UL << 8,

    /// <summary>A continuation line came with no header before it.</summary>
    InvalidFolding = 1UL << 9,

    /// <summary>A header line had no colon or an empty name.</summary>
    HeaderMissingColon = 1UL << 10,

    /// <summary>A header name appeared more than once; values were combined with <c>", "</c>.</summary>
    HeaderRepetition = 1UL << 11,

    /// <summary>Both Content-Length and Transfer-Encoding were present.</summary>
    AmbiguousContentLength = 1UL << 12,

    /// <summary>A Content-Length value was invalid.</summary>
    InvalidContentLength = 1UL << 13,

    /// <summary>A request Transfer-Encoding did not end with <c>chunked</c>.</summary>
    InvalidTransferEncoding = 1UL << 14,

    /// <summary>A chunk-size line was invalid.</summary>
    InvalidChunk = 1UL << 15,

    /// <summary>Chunk data was not followed by CRLF.</summary>
    ChunkMissingTerminator = 1UL << 16,

    /// <summary>The request was HTTP/0.9 (no protocol, no headers; the response has no status line).</summary>
    Http09 = 1UL << 17,

    /// <summary>The request or response protocol was not a known HTTP version.</summary>
    InvalidProtocol = 1UL << 18,

    /// <summary>The status code was not three digits in 100–999.</summary>
    InvalidStatus = 1UL << 19,

    /// <summary>The URI contained whitespace (the request line had more than three parts).</summary>
    UriWhitespace = 1UL << 20,

    /// <summary>The request found the transaction queue full; its response is reported without the request.</summary>
    PipelineOverflow = 1UL << 21,

    /// <summary>The response arrived with no request to pair with.</summary>
    ResponseWithoutRequest = 1UL << 22,

    /// <summary>The transaction switched the connection to a tunnel (101 or successful CONNECT).</summary>
    Tunnel = 1UL << 23,

    /// <summary>A derived buffer hit its limit; some derived data (normalized URI, combined value, header block) is missing.</summary>
    DerivedDataTooLarge = 1UL << 24,

    /// <summary>The Host header and the authority in an absolute URI differ (Suricata's <c>HOST_HEADER_AMBIGUOUS</c>).</summary>
    HostAmbiguous = 1UL << 25,
}
