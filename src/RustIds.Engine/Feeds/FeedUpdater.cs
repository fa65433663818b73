using Microsoft.Extensions.Logging;
using RustIds.Engine.Composition;
using RustIds.Engine.Scheduling;
using RustIds.Reputation.Feeds;
using RustIds.Reputation.Feeds.Refresh;
using RustIds.Response;

namespace RustIds.Engine.Feeds;

/// <summary>
/// Keeps the feeds current: refreshes them (on their cron schedules, or on demand), logs every result,
/// raises alarms, and mirrors the push-to-firewall feeds into firewall sets.
/// </summary>
/// <remarks>
/// Never throws for a failing feed or firewall: each failure is logged, counted in <see cref="Alarms"/>, and the
/// last good copy stays in use (and in the firewall).
/// </remarks>
public sealed partial class FeedUpdater
{
    private FeedCatalog _catalog;
    private readonly FeedRefresher _refresher;
    private readonly IFirewallBackend? _firewall;
    private readonly ILogger<FeedUpdater> _logger;
    private long _alarms;
    private long _updates;

    /// <param name="catalog">The feeds to schedule.</param>
    /// <param name="refresher">Refreshes them and holds the copies in use.</param>
    /// <param name="firewall">Where push-to-firewall feeds go; null when rustids runs without a firewall (replay, dry checks).</param>
    /// <param name="logger">Receives one line per refresh.</param>
    public FeedUpdater(FeedCatalog catalog, FeedRefresher refresher, IFirewallBackend? firewall, ILogger<FeedUpdater> logger)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(refresher);
        ArgumentNullException.ThrowIfNull(logger);
        _catalog = catalog;
        _refresher = refresher;
        _firewall = firewall;
        _logger = logger;
    }

    /// <summary>Failed or rejected refreshes and failed firewall pushes since start.</summary>
    public long Alarms => Interlocked.Read(ref _alarms);

    /// <summary>New copies swapped in since start.</summary>
    public long Updates => Interlocked.Read(ref _updates);

    /// <summary>Refreshes one feed and, when it changed and is marked push-to-firewall, replaces its firewall set.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task<FeedRefreshOutcome> UpdateAsync(FeedDefinition feed, IProgress<FeedTransfer>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(feed);
        // The refresher reports every failure, an unwritable cache included, in the outcome.
        var outcome = await _refresher.RefreshAsync(feed, progress, cancellationToken).ConfigureAwait(false);
        switch (outcome.Result)
        {
            case FeedResult.Failed or FeedResult.Rejected:
                Interlocked.Increment(ref _alarms);
                LogAlarm(_logger, feed.Name, outcome.Result, outcome.Message);
                break;
            case FeedResult.Updated:
                Interlocked.Increment(ref _updates);
                LogUpdated(_logger, feed.Name, outcome.Message);
                break;
            default:
                LogUnchanged(_logger, feed.Name, outcome.Message);
                break;
        }
        if (outcome.Changed && feed.PushToFirewall && outcome.Loaded is { } loaded)
            await PushAsync(loaded, cancellationToken).ConfigureAwait(false);
        return outcome;
    }

    /// <summary>
    /// Makes the firewall's feed sets match the push-to-firewall feeds in use: each one replaced with its current
    /// copy, and sets of feeds no longer pushed removed. Returns the number of sets written or removed.
    /// </summary>
    public async Task<int> SyncFirewallAsync(CancellationToken cancellationToken)
    {
        if (_firewall is null)
            return 0;
        var changes = 0;
        var wanted = new Dictionary<FeedSetName, string>();
        foreach (var loaded in _refresher.Registry.Current.Where(f => f.Definition.PushToFirewall))
        {
            var set = FeedSetName.FromFeedName(loaded.Name);
            if (!wanted.TryAdd(set, loaded.Name))
            {
                Interlocked.Increment(ref _alarms);
                LogSetNameClash(_logger, loaded.Name, wanted[set], set.Value);
                continue;
            }
            if (await PushAsync(loaded, cancellationToken).ConfigureAwait(false))
                changes++;
        }
        try
        {
            foreach (var existing in await _firewall.ListFeedSetsAsync(cancellationToken).ConfigureAwait(false))
            {
                if (wanted.ContainsKey(existing.Name))
                    continue;
                await _firewall.RemoveFeedSetAsync(existing.Name, cancellationToken).ConfigureAwait(false);
                LogSetRemoved(_logger, existing.Name.Value);
                changes++;
            }
        }
        catch (FirewallCommandException ex)
        {
            Interlocked.Increment(ref _alarms);
            LogPushFailed(_logger, ex, "(stale feed sets)", ex.Message);
        }
        return changes;
    }

    /// <summary>
    /// Schedules every enabled feed on its cron expression. Remote feeds with no copy yet also run once now, so a
    /// fresh install does not wait hours for its first list.
    /// </summary>
    public async Task ScheduleAsync(MaintenanceScheduler scheduler, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scheduler);
        foreach (var feed in _catalog.Enabled)
        {
            var neverFetched = _refresher.Registry.Find(feed.Name) is null;
            await scheduler.ScheduleCronAsync("feed-" + feed.Name, feed.Schedule, stop => RefreshScheduledAsync(feed, stop),
                runNow: neverFetched, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Switches to <paramref name="next"/> (SIGHUP): feeds no longer enabled are unscheduled and dropped (from scoring and
    /// the firewall); every enabled feed is scheduled on its current definition and refreshed now, a conditional fetch,
    /// so an unchanged server answers "not modified". Returns the number of feeds dropped.
    /// </summary>
    public async Task<int> ReloadAsync(FeedCatalog next, MaintenanceScheduler scheduler, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(next);
        ArgumentNullException.ThrowIfNull(scheduler);
        var dropped = 0;
        foreach (var feed in _catalog.Enabled)
        {
            await scheduler.UnscheduleAsync("feed-" + feed.Name, cancellationToken).ConfigureAwait(false);
            if (next.Enabled.Any(f => f.Name == feed.Name))
                continue;
            if (_refresher.Registry.Remove(feed.Name))
                dropped++;
            LogDropped(_logger, feed.Name);
        }
        _catalog = next;
        foreach (var feed in next.Enabled)
        {
            await scheduler.ScheduleCronAsync("feed-" + feed.Name, feed.Schedule, stop => RefreshScheduledAsync(feed, stop),
                runNow: true, cancellationToken).ConfigureAwait(false);
        }
        await SyncFirewallAsync(cancellationToken).ConfigureAwait(false);
        return dropped;
    }

    private async Task RefreshScheduledAsync(FeedDefinition feed, CancellationToken stop)
    {
        try
        {
            await UpdateAsync(feed, null, stop).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Shutting down: the next start loads the cached copy.
        }
    }

    private async Task<bool> PushAsync(LoadedFeed loaded, CancellationToken cancellationToken)
    {
        if (_firewall is null)
            return false;
        try
        {
            var set = FeedSetName.FromFeedName(loaded.Name);
            await _firewall.ReplaceFeedSetAsync(set, loaded.List.Set, cancellationToken).ConfigureAwait(false);
            LogPushed(_logger, loaded.Name, set.Value, loaded.List.Set.RangeCount);
            return true;
        }
        catch (FirewallCommandException ex)
        {
            Interlocked.Increment(ref _alarms);
            LogPushFailed(_logger, ex, loaded.Name, ex.Message);
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Feed {Feed} ALARM ({Result}): {Message}")]
    private static partial void LogAlarm(ILogger logger, string feed, FeedResult result, string message);

    [LoggerMessage(Level = LogLevel.Information, Message = "Feed {Feed} is no longer enabled: dropped from scoring and the firewall")]
    private static partial void LogDropped(ILogger logger, string feed);

    [LoggerMessage(Level = LogLevel.Information, Message = "Feed {Feed} updated: {Message}")]
    private static partial void LogUpdated(ILogger logger, string feed, string message);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Feed {Feed}: {Message}")]
    private static partial void LogUnchanged(ILogger logger, string feed, string message);

    [LoggerMessage(Level = LogLevel.Information, Message = "Feed {Feed} pushed to firewall set {Set} ({Ranges} ranges)")]
    private static partial void LogPushed(ILogger logger, string feed, string set, int ranges);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Feed {Feed} ALARM: firewall push failed, the firewall keeps the previous set: {Message}")]
    private static partial void LogPushFailed(ILogger logger, Exception exception, string feed, string message);

    [LoggerMessage(Level = LogLevel.Error, Message = "Feed {Feed} not pushed: its firewall set name {Set} is already used by feed {Other}; rename one of them")]
    private static partial void LogSetNameClash(ILogger logger, string feed, string other, string set);

    [LoggerMessage(Level = LogLevel.Information, Message = "Removed firewall feed set {Set}: no enabled push-to-firewall feed uses it")]
    private static partial void LogSetRemoved(ILogger logger, string set);
}
