using System.Text;
using RustIds.Packets.AppLayer.Dns;
using RustIds.Packets.AppLayer.Http;
using RustIds.Packets.AppLayer.Tls;

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
        var http = tx.Http is { } transaction ? HttpOf(transaction) : null;
        var dns = tx.Dns is { HasHeader: true } message ? DnsOf(message) : null;
        var tls = tx.ClientHello is { } hello ? TlsOf(hello) : tx.ServerHello is { } serverHello ? new TlsSnapshot(null, serverHello.Version) : null;
        return http is null && dns is null && tls is null ? null : new AppLayerSnapshot { Http = http, Dns = dns, Tls = tls };
    }

    /// <summary>An HTTP transaction as EVE describes it (for <c>http</c> events as well as alerts).</summary>
    public static AppLayerSnapshot Of(HttpTransaction transaction)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        return new AppLayerSnapshot { Http = HttpOf(transaction) };
    }

    /// <summary>A DNS message as EVE describes it, or null when it had no complete header.</summary>
    public static AppLayerSnapshot? Of(DnsMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return message.HasHeader ? new AppLayerSnapshot { Dns = DnsOf(message) } : null;
    }

    /// <summary>A ClientHello as EVE describes it: the server name, the version and the JA3/JA4 fingerprints.</summary>
    public static AppLayerSnapshot Of(TlsClientHello hello)
    {
        ArgumentNullException.ThrowIfNull(hello);
        var tls = TlsOf(hello) with
        {
            Ja3 = hello.Ja3.IsEmpty ? null : new Ja3Snapshot(Text(hello.Ja3Hash)!, Text(hello.Ja3)!),
            Ja4 = Text(hello.Ja4),
        };
        return new AppLayerSnapshot { Tls = tls };
    }

    private static HttpSnapshot HttpOf(HttpTransaction transaction) => new(
        Text(transaction.Host.IsEmpty ? transaction.HostRaw : transaction.Host),
        Text(transaction.RawUri),
        Text(transaction.Method),
        Text(transaction.RequestProtocol),
        Text(transaction.UserAgent),
        Text(transaction.ContentType),
        Text(transaction.Referer),
        transaction.StatusCode > 0 ? transaction.StatusCode : null);

    private static DnsSnapshot DnsOf(DnsMessage message)
    {
        var queries = new DnsQuerySnapshot[message.QuestionCount];
        for (var i = 0; i < queries.Length; i++)
        {
            var question = message.GetQuestion(i);
            queries[i] = new DnsQuerySnapshot(Text(question.Name), question.Type);
        }
        return new DnsSnapshot(message.Id, message.IsResponse, queries);
    }

    private static TlsSnapshot TlsOf(TlsClientHello hello) => new(hello.HasServerName ? Text(hello.ServerName) : null, hello.Version);

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
public sealed record TlsSnapshot(string? ServerName, ushort Version)
{
    /// <summary>The client's JA3 fingerprint; set in <c>tls</c> events, not in alerts.</summary>
    public Ja3Snapshot? Ja3 { get; init; }

    /// <summary>The client's JA4 fingerprint (<c>t13d1516h2_8daaf6152771_02713d6af862</c>); set in <c>tls</c> events.</summary>
    public string? Ja4 { get; init; }
}

/// <summary>A JA3 fingerprint: the MD5 hash and the string it hashes.</summary>
public sealed record Ja3Snapshot(string Hash, string Text);
