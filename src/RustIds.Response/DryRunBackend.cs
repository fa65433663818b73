using Microsoft.Extensions.Logging;
using RustIds.Packets;

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
    private readonly Dictionary<IpAddr, DateTimeOffset> _blocked = [];

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
                if (change.Kind == FirewallChangeKind.Add)
                    _blocked[change.Address] = now + TimeSpan.FromSeconds(change.TimeoutSeconds);
                else
                    _blocked.Remove(change.Address);
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
            IReadOnlyList<FirewallEntry> entries = _blocked
                .Where(pair => pair.Value > now)
                .Select(pair => new FirewallEntry(pair.Key, null, pair.Value - now))
                .ToArray();
            return Task.FromResult(entries);
        }
    }

    /// <inheritdoc/>
    public Task TeardownAsync(CancellationToken cancellationToken = default)
    {
        lock (_lock)
            _blocked.Clear();
        ResponseLog.DryRunTeardown(_logger);
        return Task.CompletedTask;
    }
}
