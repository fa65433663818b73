namespace RustIds.Reputation.Feeds;

/// <summary>One feed of the catalog: where it comes from, how to read it, how much a listing counts, when to refresh it.</summary>
/// <remarks>Validated by the configuration loader before it gets here; the constructor only guards the invariants code relies on.</remarks>
public sealed record FeedDefinition
{
    /// <summary>Unique name shown in reasons and commands, for example <c>spamhaus-drop</c>.</summary>
    public required string Name { get; init; }

    /// <summary>Where the feed is read: an http(s) URL, a <c>file://</c> URL or an absolute local path.</summary>
    public required FeedLocation Location { get; init; }

    /// <summary>Format and refusal rules.</summary>
    public FeedParseOptions Parse { get; init; } = new();

    /// <summary>How much a listing counts in the score.</summary>
    public FeedWeight Weight { get; init; } = FeedWeight.Default;

    /// <summary>Free text grouping feeds in reports, for example <c>botnet-c2</c>, <c>spam</c>, <c>tor</c>.</summary>
    public string Category { get; init; } = "";

    /// <summary>Quartz cron expression (seconds first) of the refresh, for example <c>0 17 */6 * * ?</c>.</summary>
    public string Schedule { get; init; } = "0 0 */6 * * ?";

    /// <summary>False keeps the feed in the catalog but neither loaded nor refreshed.</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>Also put the feed's networks into the firewall as a set of their own (dropped there, not only scored).</summary>
    public bool PushToFirewall { get; init; }

    /// <summary>A download larger than this is refused. Default 64 MiB: the biggest public lists are a few MiB.</summary>
    public long MaxBytes { get; init; } = 64L * 1024 * 1024;

    /// <summary>Whole-download deadline. Default 60 s.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Smallest share of the last good copy's entries a new copy must keep to be believed. Default 0.1: a list that
    /// shrank by more than 90 % is far more likely a broken download (an error page, a truncated file) than good news.
    /// </summary>
    public double MinimumRetainedShare { get; init; } = 0.1;
}
