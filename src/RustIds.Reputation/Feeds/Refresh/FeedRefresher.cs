using System.Globalization;
using System.Text;

namespace RustIds.Reputation.Feeds.Refresh;

/// <summary>
/// Refreshes one feed at a time: fetch (conditionally), parse, judge plausibility, store the copy, swap it in.
/// Whatever goes wrong, the last good copy stays in use and on disk; only a believable copy replaces it.
/// </summary>
/// <remarks>
/// Calls for different feeds may run concurrently; two refreshes of the same feed must not (the scheduler
/// never runs a job twice at once, and the CLI runs one at a time).
/// </remarks>
public sealed class FeedRefresher
{
    private readonly IFeedFetcher _fetcher;
    private readonly FeedCache _cache;
    private readonly FeedRegistry _registry;
    private readonly TimeProvider _time;

    public FeedRefresher(IFeedFetcher fetcher, FeedCache cache, FeedRegistry registry, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(fetcher);
        ArgumentNullException.ThrowIfNull(cache);
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(time);
        _fetcher = fetcher;
        _cache = cache;
        _registry = registry;
        _time = time;
    }

    /// <summary>The feeds in use.</summary>
    public FeedRegistry Registry => _registry;

    /// <summary>The on-disk copies.</summary>
    public FeedCache Cache => _cache;

    /// <summary>Loads the last good copy from disk into the registry, without any network; reports when there is none.</summary>
    public FeedRefreshOutcome LoadCached(FeedDefinition feed)
    {
        ArgumentNullException.ThrowIfNull(feed);
        var state = _cache.ReadState(feed.Name, out var stateError) ?? FeedState.Never;
        byte[]? content;
        try
        {
            content = _cache.ReadContent(feed.Name);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return new FeedRefreshOutcome(feed.Name, FeedResult.Failed, $"cached copy unreadable: {ex.Message}", null, false);
        }
        if (content is null)
            return new FeedRefreshOutcome(feed.Name, FeedResult.Never, "no cached copy yet", null, false);
        var list = Parse(feed, content, _cache.ContentPath(feed.Name));
        var loaded = new LoadedFeed(feed, list, state.FetchedAt ?? _time.GetUtcNow());
        _registry.Publish(loaded);
        var note = stateError is null ? "" : $" (state unreadable: {stateError})";
        return new FeedRefreshOutcome(feed.Name, FeedResult.Cached, $"{list.Entries} entries from the cached copy{note}", loaded, true);
    }

    /// <summary>Fetches and, when the copy is new and believable, swaps it in.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task<FeedRefreshOutcome> RefreshAsync(FeedDefinition feed, IProgress<FeedTransfer>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(feed);
        var state = _cache.ReadState(feed.Name, out _) ?? FeedState.Never;
        var inUse = _registry.Find(feed.Name);
        if (inUse is null && _cache.HasContent(feed.Name))
            inUse = LoadCached(feed).Loaded;
        // Without a usable copy a conditional fetch could answer "not modified" and leave us with nothing.
        var validators = inUse is null ? FeedValidators.None : state.Validators;

        FeedDownload download;
        try
        {
            download = await _fetcher.FetchAsync(feed, validators, progress, cancellationToken).ConfigureAwait(false);
        }
        catch (FeedFetchException ex)
        {
            return Keep(feed, state, inUse, FeedResult.Failed, ex.Message + KeptNote(inUse));
        }

        var now = _time.GetUtcNow();
        if (download.NotModified)
        {
            // Another process (rustids feeds update) may have stored a newer copy than the one in use; the server's
            // "not modified" refers to that copy, so take it from the cache.
            var newerOnDisk = inUse is not null && state.FetchedAt is { } stored && stored > inUse.FetchedAt;
            if (newerOnDisk)
                inUse = LoadCached(feed).Loaded ?? inUse;
            TryStore(feed.Name, null, state with { LastAttempt = now, LastResult = FeedResult.NotModified, LastMessage = "not modified" });
            return new FeedRefreshOutcome(feed.Name, FeedResult.NotModified, newerOnDisk ? "not modified; newer cached copy taken" : "not modified", inUse, newerOnDisk);
        }

        var list = Parse(feed, download.Content!, feed.Location.ToString());
        var implausible = Judge(feed, list, state, inUse);
        if (implausible is not null)
            return Keep(feed, state, inUse, FeedResult.Rejected, implausible + KeptNote(inUse));

        var stats = list.Stats;
        var message = string.Create(CultureInfo.InvariantCulture,
            $"{stats.Accepted} entries, {stats.Garbage} unreadable and {stats.Refused} refused line(s), {download.Content!.Length} bytes");
        var cacheError = TryStore(feed.Name, download.Content, new FeedState
        {
            Validators = download.Validators,
            FetchedAt = now,
            LastAttempt = now,
            LastResult = FeedResult.Updated,
            LastMessage = message,
            Entries = stats.Accepted,
            Garbage = stats.Garbage,
            Refused = stats.Refused,
            Bytes = download.Content!.Length,
        });
        if (cacheError is not null)
            message += "; not cached: " + cacheError;
        var loaded = new LoadedFeed(feed, list, now);
        _registry.Publish(loaded);
        return new FeedRefreshOutcome(feed.Name, FeedResult.Updated, message, loaded, true);
    }

    /// <summary>Why a new copy is not believable, or null when it is.</summary>
    private static string? Judge(FeedDefinition feed, Blocklist list, FeedState state, LoadedFeed? inUse)
    {
        var stats = list.Stats;
        if (stats.Accepted == 0)
        {
            var first = list.Diagnostics.Count > 0 ? $"; first problem: {list.Diagnostics[0]}" : "";
            return stats.Garbage + stats.Refused == 0
                ? "the download is empty"
                : string.Create(CultureInfo.InvariantCulture, $"no usable entry in {stats.Lines} line(s) ({stats.Garbage} unreadable, {stats.Refused} refused){first}");
        }
        var previous = inUse?.List.Entries ?? state.Entries;
        if (previous > 0 && stats.Accepted < previous * feed.MinimumRetainedShare)
        {
            return string.Create(CultureInfo.InvariantCulture,
                $"the list shrank from {previous} to {stats.Accepted} entries, below the {feed.MinimumRetainedShare:P0} it must keep to be believed");
        }
        return null;
    }

    private FeedRefreshOutcome Keep(FeedDefinition feed, FeedState state, LoadedFeed? inUse, FeedResult result, string message)
    {
        TryStore(feed.Name, null, state with { LastAttempt = _time.GetUtcNow(), LastResult = result, LastMessage = message });
        return new FeedRefreshOutcome(feed.Name, result, message, inUse, false);
    }

    /// <summary>Writes the copy (when given) and the state; the error when the cache cannot be written, else null.</summary>
    /// <remarks>
    /// An unwritable cache (a read-only directory, a full disk, a user without rights running <c>ip check</c>) costs
    /// the restart-without-network guarantee, not the feed: the new copy is still used from memory.
    /// </remarks>
    private string? TryStore(string feed, byte[]? content, FeedState state)
    {
        try
        {
            if (content is not null)
                _cache.WriteContent(feed, content);
            _cache.WriteState(feed, state);
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return ex.Message;
        }
    }

    private static string KeptNote(LoadedFeed? inUse) =>
        inUse is null ? "; no earlier copy to fall back on" : string.Create(CultureInfo.InvariantCulture, $"; keeping the copy of {inUse.FetchedAt:u} ({inUse.List.Entries} entries)");

    private static Blocklist Parse(FeedDefinition feed, byte[] content, string file)
    {
        // Invalid UTF-8 becomes U+FFFD, so a binary or mis-encoded download turns into garbage lines, not an exception.
        var text = Encoding.UTF8.GetString(content);
        return FeedParser.Parse(feed.Name, file, text, feed.Parse);
    }
}
