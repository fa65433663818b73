namespace RustIds.Rules.Buffers;

/// <summary>A buffer a rule's payload keywords inspect: the packet payload or one app-layer field.</summary>
/// <remarks>
/// Suricata's sticky buffers and their legacy modifier forms map here (<see cref="BufferCatalog"/>). Buffers that
/// exist on both sides of an HTTP transaction (<c>http.header</c>, <c>http.cookie</c>, ...) have a request and a
/// response kind; the rule's <c>flow</c> direction chooses.
/// </remarks>
public enum BufferKind : byte
{
    /// <summary>The packet payload (<c>pkt_data</c>, the default buffer).</summary>
    Packet,

    HttpUri,
    HttpUriRaw,
    HttpMethod,
    HttpRequestLine,
    HttpRequestProtocol,
    HttpHost,
    HttpHostRaw,
    HttpUserAgent,
    HttpReferer,
    HttpAccept,
    HttpAcceptEncoding,
    HttpAcceptLanguage,
    HttpConnection,
    HttpRequestHeader,
    HttpRequestHeaderRaw,
    HttpRequestHeaderNames,
    HttpRequestCookie,
    HttpRequestContentType,
    HttpRequestContentLength,
    HttpRequestStart,
    HttpRequestBody,

    HttpStatusCode,
    HttpStatusMessage,
    HttpResponseLine,
    HttpResponseProtocol,
    HttpServer,
    HttpLocation,
    HttpResponseHeader,
    HttpResponseHeaderRaw,
    HttpResponseHeaderNames,
    HttpResponseCookie,
    HttpResponseContentType,
    HttpResponseContentLength,
    HttpResponseStart,
    HttpResponseBody,

    DnsQuery,

    TlsSni,
    Ja3Hash,
    Ja3String,
    Ja4Hash,
    Ja3sHash,
    Ja3sString,
    TlsCertSubject,
    TlsCertIssuer,
    TlsCertSerial,

    /// <summary><c>tls.certs</c>: each certificate's DER bytes, one instance per chain certificate.</summary>
    TlsCerts,

    SshProto,
    SshSoftware,
}
