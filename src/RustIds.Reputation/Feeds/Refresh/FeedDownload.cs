namespace RustIds.Reputation.Feeds.Refresh;

/// <summary>The result of a fetch that did not fail: new content, or "not modified since the last good copy".</summary>
public sealed record FeedDownload
{
    private FeedDownload(byte[]? content, FeedValidators validators)
    {
        Content = content;
        Validators = validators;
    }

    /// <summary>The downloaded bytes; null when not modified.</summary>
    public byte[]? Content { get; }

    /// <summary>True when the source said nothing changed (HTTP 304, same file time and size).</summary>
    public bool NotModified => Content is null;

    /// <summary>Validators for the next conditional fetch.</summary>
    public FeedValidators Validators { get; }

    public static FeedDownload Modified(byte[] content, FeedValidators validators)
    {
        ArgumentNullException.ThrowIfNull(content);
        return new FeedDownload(content, validators);
    }

    public static FeedDownload Unchanged(FeedValidators validators) => new(null, validators);
}
