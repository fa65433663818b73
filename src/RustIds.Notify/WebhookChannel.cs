using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace RustIds.Notify;

/// <summary>POSTs block notices as JSON to an HTTP endpoint, optionally signed with HMAC-SHA256.</summary>
/// <remarks>
/// The receiver verifies <c>X-RustIds-Signature: sha256=&lt;hex&gt;</c> by computing HMAC-SHA256 over
/// the raw request body with the shared secret. Messages and logs name only the URL's scheme, host
/// and port, because webhook paths (Slack, Teams) are often bearer secrets. Thread-safe.
/// </remarks>
public sealed partial class WebhookChannel : INotificationChannel
{
    /// <summary>Header carrying the body signature.</summary>
    public const string SignatureHeader = "X-RustIds-Signature";

    private const int MaxErrorBodyChars = 200;
    private static readonly MediaTypeHeaderValue JsonMediaType = new("application/json") { CharSet = "utf-8" };

    private readonly WebhookOptions _options;
    private readonly HttpClient _httpClient;
    private readonly ILogger _logger;
    private readonly byte[]? _key;
    private readonly string _endpoint;

    /// <summary>Creates the channel.</summary>
    /// <param name="options">Validated settings.</param>
    /// <param name="httpClient">A long-lived client shared by the host (not disposed here).</param>
    /// <param name="logger">Optional logger.</param>
    /// <exception cref="ArgumentException">The options are invalid (every problem is listed).</exception>
    public WebhookChannel(WebhookOptions options, HttpClient httpClient, ILogger<WebhookChannel>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(httpClient);
        var problems = options.Validate();
        if (problems.Count > 0)
            throw new ArgumentException(string.Join(" ", problems), nameof(options));
        _options = options;
        _httpClient = httpClient;
        _logger = logger ?? NullLogger<WebhookChannel>.Instance;
        _key = options.Secret is null ? null : Encoding.UTF8.GetBytes(options.Secret);
        _endpoint = options.Url!.GetLeftPart(UriPartial.Authority);
    }

    /// <inheritdoc />
    public string Name => _options.Name;

    /// <summary>The signature header value for <paramref name="body"/>: <c>sha256=</c> and lower-case hex.</summary>
    public static string Sign(ReadOnlySpan<byte> key, ReadOnlySpan<byte> body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(key, body));

    /// <inheritdoc />
    public async Task<string> SendAsync(BlockNotice notice, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(notice);
        var body = _options.Format == WebhookFormat.Slack ? NoticeFormatter.ToSlackJson(notice) : NoticeFormatter.ToJson(notice);
        var (status, answer) = await PostAsync(body, ct).ConfigureAwait(false);
        LogSent(_logger, notice.Address.ToString(), Name, status);
        return answer;
    }

    /// <inheritdoc />
    public async Task<string> SendDigestAsync(NoticeDigest digest, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(digest);
        var body = _options.Format == WebhookFormat.Slack ? DigestFormatter.ToSlackJson(digest) : DigestFormatter.ToJson(digest);
        var (status, answer) = await PostAsync(body, ct).ConfigureAwait(false);
        LogDigestSent(_logger, digest.Notices.Count, Name, status);
        return answer;
    }

    /// <summary>POSTs <paramref name="body"/> once; returns the status and <c>"200 OK: &lt;body excerpt&gt;"</c>.</summary>
    private async Task<(int Status, string Answer)> PostAsync(byte[] body, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, _options.Url);
        request.Content = new ByteArrayContent(body);
        request.Content.Headers.ContentType = JsonMediaType;
        request.Headers.UserAgent.Add(new ProductInfoHeaderValue("rustids", "0.1"));
        if (_key is not null)
            request.Headers.TryAddWithoutValidation(SignatureHeader, Sign(_key, body));

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(_options.Timeout);
        try
        {
            using var response = await _httpClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
            var detail = await ReadBodyExcerptAsync(response, timeout.Token).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            var answer = string.Create(CultureInfo.InvariantCulture, $"{status} {response.ReasonPhrase}: {detail}");
            if (!response.IsSuccessStatusCode)
            {
                // 4xx means the request itself is wrong and will stay wrong; 408 and 429 are the exceptions.
                var transient = status >= 500 || response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout;
                throw new NotificationException(Name, $"Webhook '{Name}' {_endpoint} answered {answer}", transient,
                    retryAfter: RetryAfter(response.Headers.RetryAfter, TimeProvider.System.GetUtcNow()));
            }
            return (status, answer);
        }
        catch (OperationCanceledException ex) when (!ct.IsCancellationRequested)
        {
            throw new NotificationException(Name,
                string.Create(CultureInfo.InvariantCulture, $"Webhook '{Name}' {_endpoint} timed out after {_options.Timeout.TotalSeconds:0.###} s"), isTransient: true, ex);
        }
        catch (HttpRequestException ex)
        {
            var reason = ex.InnerException?.Message ?? ex.Message;
            throw new NotificationException(Name, $"Webhook '{Name}' {_endpoint} unreachable: {reason}", isTransient: true, ex);
        }
    }

    /// <summary>The wait a <c>Retry-After</c> header asks for (seconds or an HTTP date), never negative; null when absent.</summary>
    internal static TimeSpan? RetryAfter(RetryConditionHeaderValue? header, DateTimeOffset now) => header switch
    {
        { Delta: { } delta } => delta < TimeSpan.Zero ? TimeSpan.Zero : delta,
        { Date: { } date } => date > now ? date - now : TimeSpan.Zero,
        _ => null,
    };

    private static async Task<string> ReadBodyExcerptAsync(HttpResponseMessage response, CancellationToken ct)
    {
        try
        {
            var text = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
            text = text.ReplaceLineEndings(" ").Trim();
            return text.Length <= MaxErrorBodyChars ? text : text[..MaxErrorBodyChars] + "...";
        }
        catch (HttpRequestException ex)
        {
            return "(body unreadable: " + ex.Message + ")";
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Posted block notice for {Address} to webhook {Channel} ({Status})")]
    private static partial void LogSent(ILogger logger, string address, string channel, int status);

    [LoggerMessage(Level = LogLevel.Information, Message = "Posted a digest of {Count} notices to webhook {Channel} ({Status})")]
    private static partial void LogDigestSent(ILogger logger, int count, string channel, int status);
}
