namespace RustIds.Engine.Configuration;

/// <summary>Who hears about blocks.</summary>
public sealed class NotifyOptions
{
    public EmailSettings Email { get; set; } = new();

    /// <summary>Also notify when a block ends (expired). Default false: one message per block is usually enough.</summary>
    public bool UnblockNotices { get; set; }

    /// <summary>Webhook endpoints; each receives one JSON POST per block.</summary>
    public List<WebhookSettings> Webhooks { get; set; } = [];

    /// <summary>Retries and shutdown of the durable outbox every notice goes through.</summary>
    public OutboxSettings Outbox { get; set; } = new();

    /// <summary>The plain-English summary in every notice, and its optional rewrite by a language model.</summary>
    public SummarySettings Summary { get; set; } = new();
}
