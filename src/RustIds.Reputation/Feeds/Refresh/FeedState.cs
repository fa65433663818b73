namespace RustIds.Reputation.Feeds.Refresh;

/// <summary>What rustids remembers about a feed between runs: the last good copy's validators and counts, and how the last attempt went.</summary>
/// <remarks>Stored as JSON next to the cached copy, so <c>rustids feeds list</c> and a restarted daemon see the same picture.</remarks>
public sealed record FeedState
{
    /// <summary>No attempt yet.</summary>
    public static FeedState Never { get; } = new();

    /// <summary>Validators of the last good copy.</summary>
    public FeedValidators Validators { get; init; } = FeedValidators.None;

    /// <summary>When the last good copy was downloaded (its age is measured from here).</summary>
    public DateTimeOffset? FetchedAt { get; init; }

    /// <summary>When the last attempt, good or bad, ended.</summary>
    public DateTimeOffset? LastAttempt { get; init; }

    /// <summary>How the last attempt ended.</summary>
    public FeedResult LastResult { get; init; }

    /// <summary>The last attempt's message: the error, the reason for a rejection, or a summary.</summary>
    public string LastMessage { get; init; } = "";

    /// <summary>Accepted entries of the last good copy.</summary>
    public int Entries { get; init; }

    /// <summary>Unreadable lines in the last good copy.</summary>
    public int Garbage { get; init; }

    /// <summary>Refused (hostile, private, allowlisted) entries in the last good copy.</summary>
    public int Refused { get; init; }

    /// <summary>Size in bytes of the last good copy.</summary>
    public long Bytes { get; init; }

    /// <summary>True when the last attempt raised an alarm (failed or rejected).</summary>
    public bool IsAlarm => LastResult is FeedResult.Failed or FeedResult.Rejected;
}
