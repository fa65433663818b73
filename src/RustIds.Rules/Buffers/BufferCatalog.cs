using System.Collections.Frozen;
using RustIds.Packets.AppLayer;

namespace RustIds.Rules.Buffers;

/// <summary>Which keyword names which buffer, and which app-layer event fills each buffer.</summary>
/// <remarks>
/// Three spellings exist: Suricata's sticky buffers (<c>http.uri; content:"x";</c>, also the older
/// <c>dns_query;</c> forms), legacy content modifiers that move the content just before them
/// (<c>content:"x"; http_uri;</c>, Suricata and Snort 2), and Snort 3's sticky <c>http_uri;</c>.
/// </remarks>
public static class BufferCatalog
{
    private static readonly LogicalBuffer Header = new(BufferKind.HttpRequestHeader, BufferKind.HttpResponseHeader, "http.header");
    private static readonly LogicalBuffer HeaderRaw = new(BufferKind.HttpRequestHeaderRaw, BufferKind.HttpResponseHeaderRaw, "http.header.raw");
    private static readonly LogicalBuffer Cookie = new(BufferKind.HttpRequestCookie, BufferKind.HttpResponseCookie, "http.cookie");
    private static readonly LogicalBuffer Uri = new(BufferKind.HttpUri, "http.uri");
    private static readonly LogicalBuffer UriRaw = new(BufferKind.HttpUriRaw, "http.uri.raw");
    private static readonly LogicalBuffer Method = new(BufferKind.HttpMethod, "http.method");
    private static readonly LogicalBuffer RequestBody = new(BufferKind.HttpRequestBody, "http.request_body");
    private static readonly LogicalBuffer ResponseBody = new(BufferKind.HttpResponseBody, "http.response_body");
    private static readonly LogicalBuffer StatusCode = new(BufferKind.HttpStatusCode, "http.stat_code");
    private static readonly LogicalBuffer StatusMessage = new(BufferKind.HttpStatusMessage, "http.stat_msg");
    private static readonly LogicalBuffer UserAgent = new(BufferKind.HttpUserAgent, "http.user_agent");
    private static readonly LogicalBuffer Host = new(BufferKind.HttpHost, "http.host");
    private static readonly LogicalBuffer HostRaw = new(BufferKind.HttpHostRaw, "http.host.raw");
    private static readonly LogicalBuffer FileData = new(BufferKind.HttpRequestBody, BufferKind.HttpResponseBody, "file.data", ResponseByDefault: true);
    private static readonly LogicalBuffer Packet = new(BufferKind.Packet, "pkt_data");

    private static readonly FrozenDictionary<string, LogicalBuffer> Sticky = new Dictionary<string, LogicalBuffer>(StringComparer.Ordinal)
    {
        ["pkt_data"] = Packet,
        ["file.data"] = FileData,
        ["file_data"] = FileData,
        ["http.uri"] = Uri,
        ["http.uri.raw"] = UriRaw,
        ["http.method"] = Method,
        ["http.request_line"] = new(BufferKind.HttpRequestLine, "http.request_line"),
        ["http_request_line"] = new(BufferKind.HttpRequestLine, "http.request_line"),
        ["http.protocol"] = new(BufferKind.HttpRequestProtocol, BufferKind.HttpResponseProtocol, "http.protocol"),
        ["http.host"] = Host,
        ["http.host.raw"] = HostRaw,
        ["http.user_agent"] = UserAgent,
        ["http.referer"] = new(BufferKind.HttpReferer, "http.referer"),
        ["http.accept"] = new(BufferKind.HttpAccept, "http.accept"),
        ["http_accept"] = new(BufferKind.HttpAccept, "http.accept"),
        ["http.accept_enc"] = new(BufferKind.HttpAcceptEncoding, "http.accept_enc"),
        ["http_accept_enc"] = new(BufferKind.HttpAcceptEncoding, "http.accept_enc"),
        ["http.accept_lang"] = new(BufferKind.HttpAcceptLanguage, "http.accept_lang"),
        ["http_accept_lang"] = new(BufferKind.HttpAcceptLanguage, "http.accept_lang"),
        ["http.connection"] = new(BufferKind.HttpConnection, "http.connection"),
        ["http_connection"] = new(BufferKind.HttpConnection, "http.connection"),
        ["http.header"] = Header,
        ["http.header.raw"] = HeaderRaw,
        ["http.header_names"] = new(BufferKind.HttpRequestHeaderNames, BufferKind.HttpResponseHeaderNames, "http.header_names"),
        ["http_header_names"] = new(BufferKind.HttpRequestHeaderNames, BufferKind.HttpResponseHeaderNames, "http.header_names"),
        ["http.cookie"] = Cookie,
        ["http.content_type"] = new(BufferKind.HttpRequestContentType, BufferKind.HttpResponseContentType, "http.content_type"),
        ["http_content_type"] = new(BufferKind.HttpRequestContentType, BufferKind.HttpResponseContentType, "http.content_type"),
        ["http.content_len"] = new(BufferKind.HttpRequestContentLength, BufferKind.HttpResponseContentLength, "http.content_len"),
        ["http_content_len"] = new(BufferKind.HttpRequestContentLength, BufferKind.HttpResponseContentLength, "http.content_len"),
        ["http.start"] = new(BufferKind.HttpRequestStart, BufferKind.HttpResponseStart, "http.start"),
        ["http_start"] = new(BufferKind.HttpRequestStart, BufferKind.HttpResponseStart, "http.start"),
        ["http.request_body"] = RequestBody,
        ["http.response_body"] = ResponseBody,
        ["http.stat_code"] = StatusCode,
        ["http.stat_msg"] = StatusMessage,
        ["http.response_line"] = new(BufferKind.HttpResponseLine, "http.response_line"),
        ["http_response_line"] = new(BufferKind.HttpResponseLine, "http.response_line"),
        ["http.server"] = new(BufferKind.HttpServer, "http.server"),
        ["http.location"] = new(BufferKind.HttpLocation, "http.location"),
        ["dns.query"] = new(BufferKind.DnsQuery, "dns.query"),
        ["dns_query"] = new(BufferKind.DnsQuery, "dns.query"),
        ["tls.sni"] = new(BufferKind.TlsSni, "tls.sni"),
        ["tls_sni"] = new(BufferKind.TlsSni, "tls.sni"),
        ["tls.cert_subject"] = new(BufferKind.TlsCertSubject, "tls.cert_subject"),
        ["tls_cert_subject"] = new(BufferKind.TlsCertSubject, "tls.cert_subject"),
        ["tls.cert_issuer"] = new(BufferKind.TlsCertIssuer, "tls.cert_issuer"),
        ["tls_cert_issuer"] = new(BufferKind.TlsCertIssuer, "tls.cert_issuer"),
        ["tls.certs"] = new(BufferKind.TlsCerts, "tls.certs"),
        ["tls.cert_serial"] = new(BufferKind.TlsCertSerial, "tls.cert_serial"),
        ["tls_cert_serial"] = new(BufferKind.TlsCertSerial, "tls.cert_serial"),
        ["ja3.hash"] = new(BufferKind.Ja3Hash, "ja3.hash"),
        ["ja3_hash"] = new(BufferKind.Ja3Hash, "ja3.hash"),
        ["ja3.string"] = new(BufferKind.Ja3String, "ja3.string"),
        ["ja3_string"] = new(BufferKind.Ja3String, "ja3.string"),
        ["ja3s.hash"] = new(BufferKind.Ja3sHash, "ja3s.hash"),
        ["ja3s_hash"] = new(BufferKind.Ja3sHash, "ja3s.hash"),
        ["ja3s.string"] = new(BufferKind.Ja3sString, "ja3s.string"),
        ["ja3s_string"] = new(BufferKind.Ja3sString, "ja3s.string"),
        ["ja4.hash"] = new(BufferKind.Ja4Hash, "ja4.hash"),
        ["ssh.proto"] = new(BufferKind.SshProto, "ssh.proto"),
        ["ssh_proto"] = new(BufferKind.SshProto, "ssh.proto"),
        ["ssh.software"] = new(BufferKind.SshSoftware, "ssh.software"),
        ["ssh_software"] = new(BufferKind.SshSoftware, "ssh.software"),
    }.ToFrozenDictionary(StringComparer.Ordinal);

    // Suricata's and Snort 2's content modifiers; Snort 3 spells the same words as sticky buffers.
    private static readonly FrozenDictionary<string, LogicalBuffer> Modifiers = new Dictionary<string, LogicalBuffer>(StringComparer.Ordinal)
    {
        ["http_uri"] = Uri,
        ["http_raw_uri"] = UriRaw,
        ["http_method"] = Method,
        ["http_header"] = Header,
        ["http_raw_header"] = HeaderRaw,
        ["http_cookie"] = Cookie,
        ["http_client_body"] = RequestBody,
        ["http_server_body"] = ResponseBody,
        ["http_stat_code"] = StatusCode,
        ["http_stat_msg"] = StatusMessage,
        ["http_user_agent"] = UserAgent,
        ["http_host"] = Host,
        ["http_raw_host"] = HostRaw,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    // Snort 3 sticky forms beyond the modifier words.
    private static readonly FrozenDictionary<string, LogicalBuffer> Snort3Sticky = new Dictionary<string, LogicalBuffer>(StringComparer.Ordinal)
    {
        ["raw_data"] = Packet,
        ["http_version"] = new(BufferKind.HttpRequestProtocol, BufferKind.HttpResponseProtocol, "http.protocol"),
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Header names Snort 3's <c>http_header:field NAME</c> can select, as the Suricata buffer that holds that header.</summary>
    private static readonly FrozenDictionary<string, LogicalBuffer> HeaderFields = new Dictionary<string, LogicalBuffer>(StringComparer.OrdinalIgnoreCase)
    {
        ["user-agent"] = UserAgent,
        ["host"] = HostRaw,
        ["referer"] = new(BufferKind.HttpReferer, "http.referer"),
        ["cookie"] = Cookie,
        ["content-type"] = new(BufferKind.HttpRequestContentType, BufferKind.HttpResponseContentType, "http.content_type"),
        ["content-length"] = new(BufferKind.HttpRequestContentLength, BufferKind.HttpResponseContentLength, "http.content_len"),
        ["accept"] = new(BufferKind.HttpAccept, "http.accept"),
        ["accept-encoding"] = new(BufferKind.HttpAcceptEncoding, "http.accept_enc"),
        ["accept-language"] = new(BufferKind.HttpAcceptLanguage, "http.accept_lang"),
        ["connection"] = new(BufferKind.HttpConnection, "http.connection"),
        ["server"] = new(BufferKind.HttpServer, "http.server"),
        ["location"] = new(BufferKind.HttpLocation, "http.location"),
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    /// <summary>A keyword that switches the current buffer (<c>http.uri;</c>), in the given dialect.</summary>
    public static bool TryGetSticky(string keyword, bool snort3, out LogicalBuffer buffer) =>
        Sticky.TryGetValue(keyword, out buffer)
        || (snort3 && (Modifiers.TryGetValue(keyword, out buffer) || Snort3Sticky.TryGetValue(keyword, out buffer)));

    /// <summary>A legacy modifier that moves the preceding content into a buffer (<c>content:"x"; http_uri;</c>).</summary>
    public static bool TryGetModifier(string keyword, out LogicalBuffer buffer) => Modifiers.TryGetValue(keyword, out buffer);

    /// <summary>Snort 3's <c>http_header:field NAME</c>.</summary>
    public static bool TryGetHeaderField(string name, out LogicalBuffer buffer) => HeaderFields.TryGetValue(name, out buffer);

    /// <summary>Every keyword that names a buffer in some spelling, for the keyword table.</summary>
    public static IEnumerable<string> Keywords => Sticky.Keys.Concat(Modifiers.Keys).Concat(Snort3Sticky.Keys).Distinct().Order(StringComparer.Ordinal);

    /// <summary>The app-layer event that fills <paramref name="kind"/>.</summary>
    public static TxEvent EventOf(BufferKind kind) => kind switch
    {
        BufferKind.Packet => TxEvent.None,
        BufferKind.HttpRequestBody => TxEvent.HttpRequestComplete,
        < BufferKind.HttpRequestBody => TxEvent.HttpRequestHeaders,
        BufferKind.HttpResponseBody => TxEvent.HttpResponseComplete,
        < BufferKind.HttpResponseBody => TxEvent.HttpResponseHeaders,
        BufferKind.DnsQuery => TxEvent.Dns,
        BufferKind.TlsSni or BufferKind.Ja3Hash or BufferKind.Ja3String or BufferKind.Ja4Hash => TxEvent.TlsClientHello,
        BufferKind.Ja3sHash or BufferKind.Ja3sString => TxEvent.TlsServerHello,
        BufferKind.TlsCertSubject or BufferKind.TlsCertIssuer or BufferKind.TlsCertSerial or BufferKind.TlsCerts => TxEvent.TlsCertificate,
        _ => TxEvent.Ssh,
    };

    /// <summary>The app-layer protocol whose parser fills <paramref name="kind"/>; Unknown for the packet payload.</summary>
    public static AppProtocol ProtocolOf(BufferKind kind) => EventOf(kind) switch
    {
        TxEvent.None => AppProtocol.Unknown,
        <= TxEvent.HttpResponseComplete => AppProtocol.Http,
        TxEvent.Dns => AppProtocol.Dns,
        TxEvent.Ssh => AppProtocol.Ssh,
        _ => AppProtocol.Tls,
    };

    /// <summary>True for buffers of the server-to-client side.</summary>
    public static bool IsResponseSide(BufferKind kind) => EventOf(kind) is TxEvent.HttpResponseHeaders or TxEvent.HttpResponseComplete or TxEvent.TlsServerHello or TxEvent.TlsCertificate;
}
