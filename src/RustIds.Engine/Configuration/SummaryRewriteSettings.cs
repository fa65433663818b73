namespace RustIds.Engine.Configuration;

/// <summary>
/// The optional rewrite of each notice's summary through an OpenAI-compatible chat-completions API
/// (<c>Notify:Summary:Rewrite</c>). Off by default; rustids sends the template summary without it, and whenever it fails.
/// </summary>
/// <remarks>
/// The template summary and the notice's facts (addresses, rules, reasons, this host's name) are sent to the endpoint:
/// use a local server (Ollama, llama.cpp) when they must not leave the gateway.
/// </remarks>
public sealed class SummaryRewriteSettings
{
    /// <summary>Rewrite summaries. Default false.</summary>
    public bool Enabled { get; set; }

    /// <summary>The API's base URL, e.g. <c>http://127.0.0.1:11434/v1</c> (Ollama) or <c>https://api.openai.com/v1</c>; <c>/chat/completions</c> is appended.</summary>
    public string? Url { get; set; }

    /// <summary>The model name the API knows, e.g. <c>llama3.1:8b</c>; shown in each message as "rewritten by MODEL".</summary>
    public string? Model { get; set; }

    /// <summary>
    /// Bearer key; prefer <c>RUSTIDS__Notify__Summary__Rewrite__ApiKey</c> or <see cref="ApiKeyFile"/>. Never logged.
    /// Neither set: no <c>Authorization</c> header (a local server needs none).
    /// </summary>
    public string? ApiKey { get; set; }

    /// <summary>A file holding the bearer key alone (mode 0600, readable by the user rustids runs as); instead of <see cref="ApiKey"/>.</summary>
    public string? ApiKeyFile { get; set; }

    /// <summary>Whole-request timeout, up to 5 minutes; past it the template is sent. Default 10 s.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);
}
