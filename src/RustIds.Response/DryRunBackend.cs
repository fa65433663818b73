using Microsoft.Extensions.Logging;
using RustIds.Reputation.Addresses;

namespace RustIds.Response;

/// <summary>A backend that logs and records every change it would make and touches nothing.</summary>
/// <remarks>
/// It keeps an in-memory picture of what the firewall would hold (with expiry taken from
/// <see cref="TimeProvider"/>), so reconciliation in dry-run mode reports the same drift a real
/// backend would. Thread-safe.
/// </remarks>
public sealed class DryRunBackend : IFirewallBackend
{
    private readonly ILogger _logger;
    private readonly TimeProvider _timeProvider;
    private readonly Lock _lock = new();
    private readonly List<FirewallChange> _recorded = [];
    private readonly Dictionary<(Cidr, FirewallAction), DateTimeOffset> _targets = [];
    private readonly Dictionary<FeedSetName, int> _feeds = [];

    /// <summary>Creates a dry-run backend.</summary>
    public DryRunBackend(ILogger<DryRunBackend> logger, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(logger);
        _logger = logger;
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <inheritdoc/>
    public string Name => "dry-run";

    /// <summary>Every change passed to <see cref="ApplyAsync"/>, in order (a snapshot).</summary>
    public IReadOnlyList<FirewallChange> Recorded
    {
        get
        {
            lock (_lock)
                return _recorded.ToArray();
        }
    }

    /// <summary>The allowlist last passed to <see cref="ReplaceAllowlistAsync"/>.</summary>
    public CidrSet Allowlist { get; private set; } = CidrSet.Empty;

    /// <inheritdoc/>
    public Task SetupAsync(CancellationToken cancellationToken = default)
    {
        ResponseLog.DryRunSetup(_logger);
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task ApplyAsync(IReadOnlyList<FirewallChange> changes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(changes);
        cancellationToken.ThrowIfCancellationRequested();
        var now = _timeProvider.GetUtcNow();
        lock (_lock)
        {
            foreach (var change in changes)
            {
                _recorded.Add(change);
                var key = (change.Target, change.Action);
                if (change.Kind == FirewallChangeKind.Add)
                    _targets[key] = now + TimeSpan.FromSeconds(change.TimeoutSeconds);
                else
                    _targets.Remove(key);
                ResponseLog.DryRunChange(_logger, change.ToString());
            }
        }
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<FirewallEntry>> ListAsync(CancellationToken cancellationToken = default)
    {
        var now = _timeProvider.GetUtcNow();
        lock (_lock)
        {
            IReadOnlyList<FirewallEntry> entries = _targets
                .Where(pair => pair.Value > now)
                .Select(pair => new FirewallEntry(pair.Key.Item1, pair.Key.Item2, null, pair.Value - now))
                .ToArray();
            return Task.FromResult(entries);
        }
    }

    /// <inheritdoc/>
    public Task ReplaceAllowlistAsync(CidrSet allowed, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(allowed);
        Allowlist = allowed;
        ResponseLog.DryRunChange(_logger, $"replace the allowlist set with {allowed.RangeCount} ranges");
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task ReplaceFeedSetAsync(FeedSetName feed, CidrSet entries, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entries);
        lock (_lock)
            _feeds[feed] = entries.ToCidrs().Count();
        ResponseLog.DryRunChange(_logger, $"replace feed set {feed} with {entries.RangeCount} ranges");
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task RemoveFeedSetAsync(FeedSetName feed, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            if (_feeds.Remove(feed))
                ResponseLog.DryRunChange(_logger, $"remove feed set {feed}");
        }
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<FeedSetInfo>> ListFeedSetsAsync(CancellationToken cancellationToken = default)
    {
        lock (_lock)
            return Task.FromResult<IReadOnlyList<FeedSetInfo>>(_feeds.Select(pair => new FeedSetInfo(pair.Key, pair.Value)).ToArray());
    }

    /// <inheritdoc/>
    public Task TeardownAsync(CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            _targets.Clear();
            _feeds.Clear();
        }
        ResponseLog.DryRunTeardown(_logger);
        return Task.CompletedTask;
    }
}
