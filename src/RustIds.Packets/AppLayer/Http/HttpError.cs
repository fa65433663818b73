namespace RustIds.Packets.AppLayer.Http;

/// <summary>Kinds of protocol errors the HTTP parser counts in <see cref="HttpCounters"/>.</summary>
/// <remarks>The names follow Suricata's <c>http</c> app-layer events where one exists.</remarks>
public enum HttpError
{
    /// <summary>The direction did not carry HTTP (bad method or status line); it stops parsing until <see cref="HttpParser.Reset"/>.</summary>
    NotHttp = 0,

    /// <summary>A request line longer than <see cref="HttpParserOptions.MaxStartLineBytes"/>.</summary>
    RequestLineTooLong,

    /// <summary>A response line longer than <see cref="HttpParserOptions.MaxStartLineBytes"/>.</summary>
    ResponseLineTooLong,

    /// <summary>A header block larger than <see cref="HttpParserOptions.MaxHeaderBlockBytes"/>.</summary>
    HeadersTooLarge,

    /// <summary>More header lines than <see cref="HttpParserOptions.MaxHeaders"/>.</summary>
    TooManyHeaders,

    /// <summary>A header line without a colon (kept with an empty name) or with an empty name.</summary>
    HeaderMissingColon,

    /// <summary>A continuation line (leading whitespace) with no header before it.</summary>
    InvalidHeaderFolding,

    /// <summary>A Content-Length that is not a decimal number, or a list of differing numbers.</summary>
    InvalidContentLength,

    /// <summary>A request Transfer-Encoding whose last coding is not <c>chunked</c> (the request gets no body).</summary>
    InvalidTransferEncoding,

    /// <summary>Both Content-Length and Transfer-Encoding on one message (request smuggling indicator); Transfer-Encoding wins.</summary>
    AmbiguousContentLength,

    /// <summary>A chunk-size line that is not hexadecimal or overflows; the direction stops parsing.</summary>
    InvalidChunkLength,

    /// <summary>Chunk data not followed by CRLF (tolerated).</summary>
    ChunkMissingTerminator,

    /// <summary>A protocol that is not <c>HTTP/1.0</c>, <c>HTTP/1.1</c> or <c>HTTP/0.9</c>.</summary>
    InvalidProtocol,

    /// <summary>A status code that is not three digits between 100 and 999.</summary>
    InvalidStatus,

    /// <summary>A derived buffer (normalized URI, unfolded or combined header values, header block) hit its size limit.</summary>
    DerivedDataTooLarge,
}
