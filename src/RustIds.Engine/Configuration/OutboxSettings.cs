namespace RustIds.Engine.Configuration;

/// <summary>Retries and shutdown of the notification outbox (<c>Notify:Outbox</c>); see docs/notifications.md.</summary>
public sealed class OutboxSettings
{
    /// <summary>In-process retries of a transient failure per delivery round (Polly, exponential with jitter). Default 2.</summary>
    public int RetriesPerRound { get; set; } = 2;

    /// <summary>First in-process retry delay. Default 1 s.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest in-process retry delay and the longest Retry-After waited for in process. Default 30 s.</summary>
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Delay before a failed item's second round; doubles per round. Default 1 minute.</summary>
    public TimeSpan RequeueDelay { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Longest delay between rounds. Default 1 hour.</summary>
    public TimeSpan RequeueMaxDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Rounds before an item is marked failed for good (kept in the table with its error). Default 48.</summary>
    public int MaxRounds { get; set; } = 48;

    /// <summary>On stop, how long delivery of what is due may continue; the rest stays queued. Default 10 s.</summary>
    public TimeSpan StopTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Delivered rows are deleted after this long. Default 7 days.</summary>
    public TimeSpan KeepDelivered { get; set; } = TimeSpan.FromDays(7);
}
