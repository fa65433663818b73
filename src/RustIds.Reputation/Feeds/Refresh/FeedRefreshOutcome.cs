namespace RustIds.Reputation.Feeds.Refresh;

/// <summary>How one refresh (or cache load) of one feed ended.</summary>
/// <param name="Feed">The feed's name.</param>
/// <param name="Result">Updated, not modified, cached, failed or rejected.</param>
/// <param name="Message">For the operator: a summary, the error, or why the copy was rejected.</param>
/// <param name="Loaded">The feed now in use (the new copy or the last good one), or null when there is none.</param>
/// <param name="Changed">True when a new copy was swapped in (a firewall set must follow).</param>
public sealed record FeedRefreshOutcome(string Feed, FeedResult Result, string Message, LoadedFeed? Loaded, bool Changed)
{
    /// <summary>True when the refresh failed or was rejected: the operator should look.</summary>
    public bool IsAlarm => Result is FeedResult.Failed or FeedResult.Rejected;
}
