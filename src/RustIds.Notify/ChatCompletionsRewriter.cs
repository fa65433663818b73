using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace RustIds.Notify;

/// <summary>
/// Rewrites summaries through an OpenAI-compatible chat-completions API (OpenAI, Ollama, llama.cpp's server, vLLM):
/// POST <c>{BaseUrl}/chat/completions</c> with the template summary and the notice's facts, temperature 0, and take
/// <c>choices[0].message.content</c>.
/// </summary>
/// <remarks>
/// Any failure (unreachable, timeout, non-2xx, an answer that is not a chat completion, empty, or longer than
/// <see cref="SummaryRewriteOptions.MaxChars"/>) leaves the notice with its template summary; it is logged once with its
/// reason and counted in <see cref="Failures"/>. Answers, failed ones included, are kept for the last
/// <see cref="CacheCapacity"/> notices, so the channels delivering one notice share one request, and a delivery retried
/// later gets the same text. Logs name only the endpoint's scheme, host and port; the key is never logged. Thread-safe.
/// </remarks>
public sealed partial class ChatCompletionsRewriter : ISummaryRewriter
{
    /// <summary>How many notices' answers are kept (oldest forgotten first).</summary>
    public const int CacheCapacity = 64;

    /// <summary>What the model is told; the facts it may use are in the user message.</summary>
    internal const string SystemPrompt =
        "You rewrite notices from rustids, an intrusion prevention system on a network gateway, for the people who run the network. "
        + "Rewrite the summary you are given in plain, calm English for a reader who is not a security specialist, in at most 150 words. "
        + "Keep its four parts and their labels: What happened, Why it is suspicious, What rustids did, What to do next. "
        + "Keep every address, prefix, country, number, time, duration, rule name and command exactly as given, and keep the commands verbatim. "
        + "Use only the facts given; add no guesses, no other advice and no greeting. Answer with the rewritten summary only, as plain text without Markdown.";

    // A chat completion of 2,000 characters is a few KiB; anything near this is not one.
    private const int MaxAnswerBytes = 1 << 20;
    private const int MaxErrorBodyChars = 200;
    private static readonly MediaTypeHeaderValue JsonMediaType = new("application/json") { CharSet = "utf-8" };

    private readonly SummaryRewriteOptions _options;
    private readonly HttpClient _httpClient;
    private readonly ILogger _logger;
    private readonly Uri _url;
    private readonly string _endpoint;
    private readonly ConcurrentDictionary<string, Lazy<Task<string?>>> _answers = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _order = new();
    private long _requests;
    private long _rewritten;
    private long _failures;

    /// <summary>Creates the rewriter.</summary>
    /// <param name="options">Validated settings.</param>
    /// <param name="httpClient">A long-lived client shared by the host (not disposed here); the timeout is applied per request.</param>
    /// <param name="logger">Optional logger.</param>
    /// <exception cref="ArgumentException">The options are invalid (every problem is listed).</exception>
    public ChatCompletionsRewriter(SummaryRewriteOptions options, HttpClient httpClient, ILogger<ChatCompletionsRewriter>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(httpClient);
        var problems = options.Validate();
        if (problems.Count > 0)
            throw new ArgumentException(string.Join(" ", problems), nameof(options));
        _options = options;
        _httpClient = httpClient;
        _logger = logger ?? NullLogger<ChatCompletionsRewriter>.Instance;
        _url = options.Endpoint!;
        _endpoint = _url.GetLeftPart(UriPartial.Authority);
    }

    /// <summary>The model, as named in "Summary (rewritten by MODEL)".</summary>
    public string Model => _options.Model;

    /// <summary>Requests sent to the endpoint since start.</summary>
    public long Requests => Interlocked.Read(ref _requests);

    /// <summary>Requests that gave a usable summary since start.</summary>
    public long Rewritten => Interlocked.Read(ref _rewritten);

    /// <summary>Requests that failed since start (each logged once with its reason; the template was used).</summary>
    public long Failures => Interlocked.Read(ref _failures);

    /// <inheritdoc />
    public async Task<BlockNotice> RewriteAsync(BlockNotice notice, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(notice);
        if (notice.Summary is not null)
            return notice;
        // The question is the cache key: the same facts get the same answer (temperature 0), whichever channel asks.
        var question = UserMessage(notice);
        var fresh = new Lazy<Task<string?>>(() => AskAsync(question, notice.Target), LazyThreadSafetyMode.ExecutionAndPublication);
        var answer = _answers.GetOrAdd(question, fresh);
        if (ReferenceEquals(answer, fresh))
            Remember(question);
        // The request runs on its own timeout, not the caller's token: a channel stopping must not fail it for the others.
        var text = await answer.Value.WaitAsync(ct).ConfigureAwait(false);
        return text is null ? notice : notice with { Summary = text, SummaryRewrittenBy = _options.Model };
    }

    /// <summary>The user message: the template summary, then the facts it was made from.</summary>
    internal static string UserMessage(BlockNotice notice) =>
        "Rewrite this summary of a decision by rustids on " + notice.Hostname + ":\n\n" + NoticeSummary.Compose(notice)
        + "\n\nThe facts it was made from:\n\n" + NoticeFormatter.Facts(notice);

    /// <summary>The request body: <c>{model, messages: [system, user], temperature: 0, stream: false}</c>.</summary>
    internal static byte[] RequestBody(string model, string question)
    {
        var buffer = new ArrayBufferWriter<byte>(question.Length + SystemPrompt.Length + 256);
        using (var json = new Utf8JsonWriter(buffer, NoticeFormatter.WriterOptions))
        {
            json.WriteStartObject();
            json.WriteString("model"u8, model);
            json.WriteStartArray("messages"u8);
            json.WriteStartObject();
            json.WriteString("role"u8, "system"u8);
            json.WriteString("content"u8, SystemPrompt);
            json.WriteEndObject();
            json.WriteStartObject();
            json.WriteString("role"u8, "user"u8);
            json.WriteString("content"u8, question);
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteNumber("temperature"u8, 0);
            json.WriteBoolean("stream"u8, false);
            json.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>The trimmed <c>choices[0].message.content</c> of <paramref name="body"/>, or null with <paramref name="problem"/>.</summary>
    internal static string? ReadContent(ReadOnlySpan<byte> body, int maxChars, out string? problem)
    {
        string? content;
        try
        {
            var reader = new Utf8JsonReader(body);
            using var document = JsonDocument.ParseValue(ref reader);
            content = document.RootElement is { ValueKind: JsonValueKind.Object } root
                && root.TryGetProperty("choices", out var choices) && choices.ValueKind == JsonValueKind.Array && choices.GetArrayLength() > 0
                && choices[0] is { ValueKind: JsonValueKind.Object } choice
                && choice.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.Object
                && message.TryGetProperty("content", out var text) && text.ValueKind == JsonValueKind.String
                    ? text.GetString()
                    : null;
        }
        catch (JsonException ex)
        {
            problem = "the answer is not JSON: " + ex.Message;
            return null;
        }
        if (content is null)
        {
            problem = "the answer has no choices[0].message.content string";
            return null;
        }
        content = content.ReplaceLineEndings("\n").Trim();
        problem = content.Length switch
        {
            0 => "the answer's content is empty",
            var length when length > maxChars => string.Create(CultureInfo.InvariantCulture, $"the answer is {length} characters long, more than the {maxChars} allowed"),
            _ => null,
        };
        return problem is null ? content : null;
    }

    /// <summary>One request; never throws: a failure is logged, counted and answered with null.</summary>
    private async Task<string?> AskAsync(string question, string target)
    {
        Interlocked.Increment(ref _requests);
        var started = Stopwatch.GetTimestamp();
        using var timeout = new CancellationTokenSource(_options.Timeout);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, _url);
            request.Content = new ByteArrayContent(RequestBody(_options.Model, question));
            request.Content.Headers.ContentType = JsonMediaType;
            request.Headers.UserAgent.Add(new ProductInfoHeaderValue("rustids", "0.1"));
            if (_options.ApiKey is { } key)
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
            using var response = await _httpClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                var excerpt = await ReadExcerptAsync(response, timeout.Token).ConfigureAwait(false);
                return Failed(target, string.Create(CultureInfo.InvariantCulture, $"answered {(int)response.StatusCode} {response.ReasonPhrase}: {excerpt}"));
            }
            await response.Content.LoadIntoBufferAsync(MaxAnswerBytes, timeout.Token).ConfigureAwait(false);
            var body = await response.Content.ReadAsByteArrayAsync(timeout.Token).ConfigureAwait(false);
            var text = ReadContent(body, _options.MaxChars, out var problem);
            if (text is null)
                return Failed(target, problem!);
            Interlocked.Increment(ref _rewritten);
            LogRewritten(_logger, target, _options.Model, text.Length, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            return text;
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            return Failed(target, string.Create(CultureInfo.InvariantCulture, $"timed out after {_options.Timeout.TotalSeconds:0.###} s"));
        }
        catch (HttpRequestException ex)
        {
            return Failed(target, "request failed: " + (ex.InnerException?.Message ?? ex.Message));
        }
        catch (IOException ex)
        {
            return Failed(target, "connection failed: " + ex.Message);
        }
        catch (InvalidOperationException ex)
        {
            // HttpClient's answer to a request it cannot send (for example a redirect to an unsupported scheme).
            return Failed(target, "request refused by the HTTP client: " + ex.Message);
        }
    }

    private string? Failed(string target, string reason)
    {
        Interlocked.Increment(ref _failures);
        LogFailed(_logger, target, _options.Model, _endpoint, reason);
        return null;
    }

    private void Remember(string question)
    {
        _order.Enqueue(question);
        while (_answers.Count > CacheCapacity && _order.TryDequeue(out var oldest))
            _answers.TryRemove(oldest, out _);
    }

    private static async Task<string> ReadExcerptAsync(HttpResponseMessage response, CancellationToken ct)
    {
        try
        {
            var text = (await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false)).ReplaceLineEndings(" ").Trim();
            return text.Length <= MaxErrorBodyChars ? text : text[..MaxErrorBodyChars] + "...";
        }
        catch (HttpRequestException ex)
        {
            return "(body unreadable: " + ex.Message + ")";
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Summary of {Target} rewritten by {Model} ({Chars} characters in {Milliseconds:0} ms)")]
    private static partial void LogRewritten(ILogger logger, string target, string model, int chars, double milliseconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Summary of {Target} not rewritten by {Model} at {Endpoint}, the template is sent instead: {Reason}")]
    private static partial void LogFailed(ILogger logger, string target, string model, string endpoint, string reason);
}
