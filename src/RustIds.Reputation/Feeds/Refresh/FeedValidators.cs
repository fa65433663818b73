namespace RustIds.Reputation.Feeds.Refresh;

/// <summary>What the last good download looked like, so the next one can be conditional (HTTP ETag / If-Modified-Since, a file's time and size).</summary>
/// <param name="ETag">The server's entity tag, or null.</param>
/// <param name="LastModified">The server's Last-Modified, or the file's write time; null when unknown.</param>
/// <param name="Length">The file's length; null for HTTP.</param>
public sealed record FeedValidators(string? ETag, DateTimeOffset? LastModified, long? Length)
{
    /// <summary>Nothing known: the next fetch downloads unconditionally.</summary>
    public static FeedValidators None { get; } = new(null, null, null);
}
