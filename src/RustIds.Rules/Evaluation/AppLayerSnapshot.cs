using System.Text;

namespace RustIds.Rules.Evaluation;

/// <summary>
/// What an alert's app-layer transaction looked like when its rule matched: the HTTP, DNS and TLS fields an EVE
/// alert carries (Suricata's <c>http</c>, <c>dns</c> and <c>tls</c> objects).
/// </summary>
/// <remarks>
/// Copied out of the parser's reused buffers only when a rule matched, so the copy costs per alert, never per
/// packet. Texts are decoded as UTF-8 with replacement characters and cut to <see cref="MaxFieldLength"/>.
/// </remarks>
public sealed record AppLayerSnapshot
{
    /// <summary>Longest text kept per field: URLs and user agents of attacks can be long, logs should not be.</summary>
    public const int MaxFieldLength = 2048;

    public HttpSnapshot? Http { get; init; }

    public DnsSnapshot? Dns { get; init; }

    public TlsSnapshot? Tls { get; init; }

    /// <summary>The transaction in <paramref name="tx"/>, or null when it holds none of HTTP, DNS or TLS.</summary>
    internal static AppLayerSnapshot? From(TxData tx)
    {
        HttpSnapshot? http = null;
        DnsSnapshot? dns = null;
        TlsSnapshot? tls = null;
        if (tx.Http is { } transaction)
        {
            http = new HttpSnapshot(
                Text(transaction.Host.IsEmpty ? transaction.HostRaw : transaction.Host),
                Text(transaction.RawUri),
                Text(transaction.Method),
                Text(transaction.RequestProtocol),
                Text(transaction.UserAgent),
                Text(transaction.ContentType),
                Text(transaction.Referer),
                transaction.StatusCode > 0 ? transaction.StatusCode : null);
        }
        if (tx.Dns is { HasHeader: true } message)
        {
            var queries = new DnsQuerySnapshot[message.QuestionCount];
            for (var i = 0; i < queries.Length; i++)
            {
                var question = message.GetQuestion(i);
                queries[i] = new DnsQuerySnapshot(Text(question.Name), question.Type);
            }
            dns = new DnsSnapshot(message.Id, message.IsResponse, queries);
        }
        if (tx.ClientHello is { } hello)
            tls = new TlsSnapshot(hello.HasServerName ? Text(hello.ServerName) : null, hello.Version);
        else if (tx.ServerHello is { } serverHello)
            tls = new TlsSnapshot(null, serverHello.Version);
        return http is null && dns is null && tls is null ? null : new AppLayerSnapshot { Http = http, Dns = dns, Tls = tls };
    }

    private static string? Text(ReadOnlySpan<byte> bytes) =>
        bytes.IsEmpty ? null : Encoding.UTF8.GetString(bytes[..Math.Min(bytes.Length, MaxFieldLength)]);
}

/// <summary>HTTP request (and response, when seen) fields of an alert.</summary>
public sealed record HttpSnapshot(string? Hostname, string? Url, string? Method, string? Protocol, string? UserAgent, string? ContentType, string? Referer, int? Status);

/// <summary>A DNS message's id, direction and questions.</summary>
public sealed record DnsSnapshot(ushort Id, bool IsResponse, IReadOnlyList<DnsQuerySnapshot> Queries);

/// <summary>One DNS question: name and numeric type.</summary>
public sealed record DnsQuerySnapshot(string? Name, ushort Type);

/// <summary>TLS server name and the negotiated or offered version (0x0303 = TLS 1.2).</summary>
public sealed record TlsSnapshot(string? ServerName, ushort Version);
