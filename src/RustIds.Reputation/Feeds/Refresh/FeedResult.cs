namespace RustIds.Reputation.Feeds.Refresh;

/// <summary>How a feed's last refresh ended.</summary>
public enum FeedResult
{
    /// <summary>Never refreshed.</summary>
    Never = 0,

    /// <summary>New content accepted and swapped in.</summary>
    Updated,

    /// <summary>The source said nothing changed; the cached copy stays.</summary>
    NotModified,

    /// <summary>Loaded from the on-disk last good copy (start-up, no network).</summary>
    Cached,

    /// <summary>The download failed; the last good copy stays. An alarm.</summary>
    Failed,

    /// <summary>The download arrived but looked implausible (empty, all garbage, shrunk too much); the last good copy stays. An alarm.</summary>
    Rejected,
}
