namespace RustIds.Notify;

/// <summary>Settings of the <see cref="ChatCompletionsRewriter"/>: an OpenAI-compatible chat-completions endpoint.</summary>
/// <remarks><see cref="ApiKey"/> is a secret: it comes from the environment or a 0600 file and is never logged.</remarks>
public sealed class SummaryRewriteOptions
{
    /// <summary>The API's base URL, e.g. <c>http://127.0.0.1:11434/v1</c> (Ollama); <c>/chat/completions</c> is appended. Required.</summary>
    public Uri? BaseUrl { get; set; }

    /// <summary>The model to ask, e.g. <c>llama3.1:8b</c>; named in every rewritten message. Required.</summary>
    public string Model { get; set; } = "";

    /// <summary>Sent as <c>Authorization: Bearer KEY</c>; null sends no header (a local server usually needs none).</summary>
    public string? ApiKey { get; set; }

    /// <summary>Whole-request timeout; past it the template is used. Default 10 s.</summary>
    /// <remarks>It delays the notice's delivery by at most this much, once per notice (the answer is shared by the channels).</remarks>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Longest <see cref="Timeout"/> accepted: the notice's delivery waits for the answer.</summary>
    public static readonly TimeSpan MaxTimeout = TimeSpan.FromMinutes(5);

    /// <summary>Longest rewritten summary accepted, in characters; a longer answer is refused and the template used. Default 2000.</summary>
    /// <remarks>The template is about 600–1200 characters; a much longer answer is the model rambling, not a summary.</remarks>
    public int MaxChars { get; set; } = 2000;

    /// <summary>The endpoint that is POSTed to: <see cref="BaseUrl"/> + <c>/chat/completions</c>.</summary>
    public Uri? Endpoint => BaseUrl is null ? null : new Uri(BaseUrl.AbsoluteUri.TrimEnd('/') + "/chat/completions");

    /// <summary>Lists every invalid setting; empty when the options are usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (BaseUrl is null || !BaseUrl.IsAbsoluteUri || (BaseUrl.Scheme != Uri.UriSchemeHttp && BaseUrl.Scheme != Uri.UriSchemeHttps))
            problems.Add("Summary rewrite: BaseUrl must be an absolute http or https URL.");
        else if (!string.IsNullOrEmpty(BaseUrl.Query) || !string.IsNullOrEmpty(BaseUrl.Fragment))
            problems.Add("Summary rewrite: BaseUrl must have no query or fragment (/chat/completions is appended to it).");
        if (string.IsNullOrWhiteSpace(Model))
            problems.Add("Summary rewrite: Model is required.");
        if (ApiKey is { } key && (key.Length == 0 || key.Any(c => char.IsControl(c) || c == ' ')))
            problems.Add("Summary rewrite: ApiKey must be non-empty, without spaces or control characters.");
        if (Timeout <= TimeSpan.Zero || Timeout > MaxTimeout)
            problems.Add("Summary rewrite: Timeout must be between 00:00:00.001 and 00:05:00.");
        if (MaxChars < 1)
            problems.Add("Summary rewrite: MaxChars must be at least 1.");
        return problems;
    }
}
