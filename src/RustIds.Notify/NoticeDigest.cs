namespace RustIds.Notify;

/// <summary>
/// Several notices in one message: the ones below a channel's immediate threshold, and the ones the hourly
/// cap held back. Built by <see cref="NotificationOutbox.BuildDueDigests"/>; rendered by <see cref="DigestFormatter"/>.
/// </summary>
public sealed record NoticeDigest
{
    /// <summary>The gateway that sends the digest.</summary>
    public required string Hostname { get; init; }

    /// <summary>Start of the period the digest covers (the previous digest, or the oldest notice in it).</summary>
    public required DateTimeOffset PeriodStart { get; init; }

    /// <summary>End of the period: when the digest was built.</summary>
    public required DateTimeOffset PeriodEnd { get; init; }

    /// <summary>Every notice in the digest, oldest first.</summary>
    public required IReadOnlyList<BlockNotice> Notices { get; init; }

    /// <summary>How many of <see cref="Notices"/> would have gone out at once but were held back by the hourly cap.</summary>
    public int HeldBack { get; init; }

    /// <summary>The cap that held them back (messages per hour), for the summary line; 0 when none applied.</summary>
    public int MaxPerHour { get; init; }

    /// <summary>Repeats dropped by deduplication since the previous digest (same event and target within the window), per target.</summary>
    public IReadOnlyList<DigestRepeat> Repeats { get; init; } = [];
}
