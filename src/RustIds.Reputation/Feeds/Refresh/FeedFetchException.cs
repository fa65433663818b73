namespace RustIds.Reputation.Feeds.Refresh;

/// <summary>A download failed: unreachable, an HTTP error, too large, too slow, unreadable. The message says which, for the operator.</summary>
public sealed class FeedFetchException : Exception
{
    public FeedFetchException()
    {
    }

    public FeedFetchException(string message)
        : base(message)
    {
    }

    public FeedFetchException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
