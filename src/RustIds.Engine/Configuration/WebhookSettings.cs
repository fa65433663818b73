namespace RustIds.Engine.Configuration;

/// <summary>One webhook endpoint.</summary>
public sealed class WebhookSettings
{
    public string Url { get; set; } = "";

    /// <summary><c>generic</c> (documented JSON) or <c>slack</c> (<c>{"text": ...}</c>).</summary>
    public string Format { get; set; } = "generic";

    /// <summary>Shared secret for the <c>X-RustIds-Signature</c> HMAC-SHA256 header; none when null.</summary>
    public string? Secret { get; set; }
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>What goes out at once and what waits for the digest.</summary>
    public NotifyPolicySettings Policy { get; set; } = new();
}
