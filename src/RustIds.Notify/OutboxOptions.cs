namespace RustIds.Notify;

/// <summary>Retry and shutdown settings of <see cref="OutboxDelivery"/>.</summary>
/// <remarks>
/// Two levels of retry. Within one delivery round, Polly retries a transient failure
/// <see cref="RetriesPerRound"/> times with exponential backoff and jitter from <see cref="RetryDelay"/>
/// up to <see cref="RetryMaxDelay"/>, honouring a server's <c>Retry-After</c>. If the round still fails,
/// the item stays in SQLite and is tried again after <see cref="RequeueDelay"/>, doubling up to
/// <see cref="RequeueMaxDelay"/>, so an outage of hours loses nothing and costs no thread.
/// </remarks>
public sealed class OutboxOptions
{
    /// <summary>In-process retries of a transient failure per round (Polly). Default 2.</summary>
    public int RetriesPerRound { get; set; } = 2;

    /// <summary>First in-process retry delay; doubles per retry, with jitter. Default 1 s.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest in-process retry delay, also the longest <c>Retry-After</c> waited for in process (longer ones requeue). Default 30 s.</summary>
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Delay before the second round of a failed item; doubles per round. Default 1 minute.</summary>
    public TimeSpan RequeueDelay { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Longest delay between rounds. Default 1 hour.</summary>
    public TimeSpan RequeueMaxDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Rounds before an item is marked failed for good (it stays in the table with its last error). Default 48 (about two days with the default delays).</summary>
    public int MaxRounds { get; set; } = 48;

    /// <summary>On stop, how long delivery of what is due may go on; the rest stays queued for the next start. Default 10 s.</summary>
    public TimeSpan StopTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Sent and deduplicated rows older than this are deleted when digests are built. Default 7 days.</summary>
    public TimeSpan KeepDelivered { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Lists every invalid setting, prefixed with <paramref name="section"/>; empty when usable.</summary>
    public IReadOnlyList<string> Validate(string section)
    {
        var problems = new List<string>();
        if (RetriesPerRound is < 0 or > 10)
            problems.Add($"{section}:RetriesPerRound must be between 0 and 10.");
        if (RetryDelay <= TimeSpan.Zero)
            problems.Add($"{section}:RetryDelay must be positive.");
        if (RetryMaxDelay < RetryDelay)
            problems.Add($"{section}:RetryMaxDelay must be at least {section}:RetryDelay.");
        if (RequeueDelay <= TimeSpan.Zero)
            problems.Add($"{section}:RequeueDelay must be positive.");
        if (RequeueMaxDelay < RequeueDelay)
            problems.Add($"{section}:RequeueMaxDelay must be at least {section}:RequeueDelay.");
        if (MaxRounds < 1)
            problems.Add($"{section}:MaxRounds must be at least 1.");
        if (StopTimeout < TimeSpan.Zero)
            problems.Add($"{section}:StopTimeout must not be negative.");
        if (KeepDelivered < TimeSpan.FromHours(1))
            problems.Add($"{section}:KeepDelivered must be at least 01:00:00 (deduplication and the hourly cap read the last hour).");
        return problems;
    }
}
