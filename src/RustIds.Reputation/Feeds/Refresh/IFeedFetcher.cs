namespace RustIds.Reputation.Feeds.Refresh;

/// <summary>The feed-fetcher seam: gets a feed's bytes, conditionally when validators are known.</summary>
public interface IFeedFetcher
{
    /// <summary>Fetches <paramref name="feed"/>; returns "not modified" when <paramref name="previous"/> still matches.</summary>
    /// <exception cref="FeedFetchException">The fetch failed; the message says why.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    Task<FeedDownload> FetchAsync(FeedDefinition feed, FeedValidators previous, IProgress<FeedTransfer>? progress, CancellationToken cancellationToken);
}
