namespace RustIds.Notify;

/// <summary>Settings of one <see cref="WebhookChannel"/>.</summary>
/// <remarks><see cref="Secret"/> is a secret: load it from the environment or a 0600 file; it is never logged.</remarks>
public sealed class WebhookOptions
{
    /// <summary>Channel name in logs and results. Default <c>webhook</c>; make it unique when there are several.</summary>
    public string Name { get; set; } = "webhook";

    /// <summary>Absolute http or https URL the notice is POSTed to. Required.</summary>
    public Uri? Url { get; set; }

    /// <summary>Whole-request timeout. Default 10 s.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Optional shared secret; when set, each request carries
    /// <c>X-RustIds-Signature: sha256=&lt;hex HMAC-SHA256 of the body&gt;</c> so the receiver can check origin.
    /// </summary>
    public string? Secret { get; set; }

    /// <summary>Body shape. Default <see cref="WebhookFormat.Generic"/>.</summary>
    public WebhookFormat Format { get; set; } = WebhookFormat.Generic;

    /// <summary>Lists every invalid setting; empty when the options are usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(Name))
            problems.Add("Webhook:Name is required.");
        if (Url is null || !Url.IsAbsoluteUri || (Url.Scheme != Uri.UriSchemeHttp && Url.Scheme != Uri.UriSchemeHttps))
            problems.Add($"Webhook '{Name}': Url must be an absolute http or https URL.");
        if (Timeout <= TimeSpan.Zero)
            problems.Add($"Webhook '{Name}': Timeout must be positive.");
        if (Secret is { Length: 0 })
            problems.Add($"Webhook '{Name}': Secret is empty; remove it or set a value.");
        return problems;
    }
}
