using RustIds.Packets.AppLayer.Dns;
using RustIds.Packets.AppLayer.Http;
using RustIds.Packets.AppLayer.Ssh;
using RustIds.Packets.AppLayer.Tls;
using RustIds.Rules.Buffers;
using RustIds.Rules.Matching;

namespace RustIds.Rules.Evaluation;

/// <summary>The app-layer object of the event being inspected, and how each buffer is read from it.</summary>
/// <remarks>One is filled per event by <see cref="RuleEvaluator"/> and reused; the objects belong to the parsers and are valid only during the event.</remarks>
internal sealed class TxData
{
    public HttpTransaction? Http { get; private set; }

    public DnsMessage? Dns { get; private set; }

    public TlsClientHello? ClientHello { get; private set; }

    public TlsServerHello? ServerHello { get; private set; }

    public TlsCertificateInfo? Certificate { get; private set; }

    public SshBanner? Ssh { get; private set; }

    public void Set(HttpTransaction? http = null, DnsMessage? dns = null, TlsClientHello? clientHello = null, TlsServerHello? serverHello = null, TlsCertificateInfo? certificate = null, SshBanner? ssh = null)
    {
        Http = http;
        Dns = dns;
        ClientHello = clientHello;
        ServerHello = serverHello;
        Certificate = certificate;
        Ssh = ssh;
    }

    /// <summary>How many instances of <paramref name="kind"/> there are (DNS: one per question).</summary>
    public int Count(BufferKind kind) => kind switch
    {
        BufferKind.DnsQuery => Dns?.QuestionCount ?? 0,
        BufferKind.TlsCerts => Certificate?.CertificateCount ?? 0,
        _ => 1,
    };

    /// <summary>Reads instance <paramref name="index"/> of <paramref name="kind"/>; false when the event has no such buffer.</summary>
    public bool TryGet(BufferKind kind, int index, InspectionScratch scratch, out ReadOnlySpan<byte> data)
    {
        data = default;
        switch (BufferCatalog.EventOf(kind))
        {
            case TxEvent.HttpRequestHeaders or TxEvent.HttpRequestComplete or TxEvent.HttpResponseHeaders or TxEvent.HttpResponseComplete:
                return Http is { } http && TryGetHttp(http, kind, scratch, out data);
            case TxEvent.Dns:
                if (Dns is not { } dns || index >= dns.QuestionCount)
                    return false;
                data = dns.GetQuestion(index).Name;
                return true;
            case TxEvent.TlsClientHello:
                if (ClientHello is not { } hello)
                    return false;
                data = kind switch
                {
                    BufferKind.TlsSni => hello.ServerName,
                    BufferKind.Ja3Hash => hello.Ja3Hash,
                    BufferKind.Ja3String => hello.Ja3,
                    _ => hello.Ja4,
                };
                return kind != BufferKind.TlsSni || hello.HasServerName;
            case TxEvent.TlsServerHello:
                if (ServerHello is not { } server)
                    return false;
                data = kind == BufferKind.Ja3sHash ? server.Ja3sHash : server.Ja3s;
                return true;
            case TxEvent.TlsCertificate:
                if (Certificate is not { } certificate)
                    return false;
                if (kind == BufferKind.TlsCerts)
                {
                    if (index >= certificate.CertificateCount)
                        return false;
                    data = certificate.GetCertificate(index);
                    return true;
                }
                data = kind switch
                {
                    BufferKind.TlsCertSubject => certificate.Subject,
                    BufferKind.TlsCertIssuer => certificate.Issuer,
                    _ => certificate.Serial,
                };
                return true;
            case TxEvent.Ssh:
                if (Ssh is not { } banner)
                    return false;
                data = kind == BufferKind.SshProto ? banner.ProtoVersion : banner.SoftwareVersion;
                return true;
            default:
                return false;
        }
    }

    private static bool TryGetHttp(HttpTransaction tx, BufferKind kind, InspectionScratch scratch, out ReadOnlySpan<byte> data)
    {
        data = kind switch
        {
            BufferKind.HttpUri => tx.NormalizedUri,
            BufferKind.HttpUriRaw => tx.RawUri,
            BufferKind.HttpMethod => tx.Method,
            BufferKind.HttpRequestLine => tx.RequestLine,
            BufferKind.HttpRequestProtocol => tx.RequestProtocol,
            BufferKind.HttpHost => tx.Host,
            BufferKind.HttpHostRaw => tx.HostRaw,
            BufferKind.HttpUserAgent => tx.UserAgent,
            BufferKind.HttpReferer => tx.Referer,
            BufferKind.HttpRequestHeader => tx.RequestHeaders,
            BufferKind.HttpRequestHeaderRaw => tx.RequestHeadersRaw,
            BufferKind.HttpRequestCookie => tx.Cookie,
            BufferKind.HttpRequestContentType => tx.ContentType,
            BufferKind.HttpRequestContentLength => tx.ContentLengthText,
            BufferKind.HttpRequestBody => tx.RequestBody,
            BufferKind.HttpStatusCode => tx.StatusCodeText,
            BufferKind.HttpStatusMessage => tx.StatusMessage,
            BufferKind.HttpResponseLine => tx.ResponseLine,
            BufferKind.HttpResponseProtocol => tx.ResponseProtocol,
            BufferKind.HttpResponseHeader => tx.ResponseHeaders,
            BufferKind.HttpResponseHeaderRaw => tx.ResponseHeadersRaw,
            BufferKind.HttpResponseContentType => tx.ResponseContentType,
            BufferKind.HttpResponseBody => tx.ResponseBody,
            _ => default,
        };
        switch (kind)
        {
            case BufferKind.HttpAccept: return tx.TryGetRequestHeader("accept"u8, out data);
            case BufferKind.HttpAcceptEncoding: return tx.TryGetRequestHeader("accept-encoding"u8, out data);
            case BufferKind.HttpAcceptLanguage: return tx.TryGetRequestHeader("accept-language"u8, out data);
            case BufferKind.HttpConnection: return tx.TryGetRequestHeader("connection"u8, out data);
            case BufferKind.HttpServer: return tx.TryGetResponseHeader("server"u8, out data);
            case BufferKind.HttpLocation: return tx.TryGetResponseHeader("location"u8, out data);
            case BufferKind.HttpResponseCookie: return tx.TryGetResponseHeader("set-cookie"u8, out data);
            case BufferKind.HttpResponseContentLength: return tx.TryGetResponseHeader("content-length"u8, out data);
            case BufferKind.HttpRequestHeaderNames:
                data = HeaderNames(scratch.Built, tx.RequestHeaderCount, tx, response: false);
                return true;
            case BufferKind.HttpResponseHeaderNames:
                data = HeaderNames(scratch.Built, tx.ResponseHeaderCount, tx, response: true);
                return true;
            case BufferKind.HttpRequestStart:
                data = Start(scratch.Built, tx.RequestLine, tx.RequestHeadersRaw);
                return true;
            case BufferKind.HttpResponseStart:
                data = Start(scratch.Built, tx.ResponseLine, tx.ResponseHeadersRaw);
                return true;
            case <= BufferKind.HttpRequestBody:
                return tx.HasRequest;
            default:
                return tx.HasResponse;
        }
    }

    /// <summary>Suricata's <c>http.header_names</c>: <c>\r\nName1\r\nName2\r\n\r\n</c>.</summary>
    private static ReadOnlySpan<byte> HeaderNames(byte[] output, int count, HttpTransaction tx, bool response)
    {
        var length = 0;
        Append(output, ref length, "\r\n"u8);
        for (var i = 0; i < count; i++)
        {
            var header = response ? tx.GetResponseHeader(i) : tx.GetRequestHeader(i);
            Append(output, ref length, header.Name);
            Append(output, ref length, "\r\n"u8);
        }
        Append(output, ref length, "\r\n"u8);
        return output.AsSpan(0, length);
    }

    /// <summary>Suricata's <c>http.start</c>: the start line and the raw headers up to the blank line.</summary>
    private static ReadOnlySpan<byte> Start(byte[] output, ReadOnlySpan<byte> line, ReadOnlySpan<byte> headersRaw)
    {
        var length = 0;
        Append(output, ref length, line);
        Append(output, ref length, "\r\n"u8);
        Append(output, ref length, headersRaw);
        return output.AsSpan(0, length);
    }

    private static void Append(byte[] output, ref int length, ReadOnlySpan<byte> bytes)
    {
        var room = Math.Min(bytes.Length, output.Length - length);
        bytes[..room].CopyTo(output.AsSpan(length));
        length += room;
    }
}
