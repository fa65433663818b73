using System.Text.Json;
using Microsoft.Extensions.Logging;
using RustIds.Packets;
using RustIds.Reputation;

namespace RustIds.Response;

/// <summary>Turns Block verdicts into stored, applied, expiring firewall blocks.</summary>
/// <remarks>
/// Store first, firewall second: every operation writes SQLite, then applies one atomic batch; if
/// the batch fails the store change is undone and the <see cref="FirewallCommandException"/>
/// propagates, so store and firewall agree. A crash between the two is repaired by
/// <see cref="ReconcileAsync"/>. Operations are serialised by one async gate; thread-safe.
/// </remarks>
public sealed class BlockManager
{
    private const string ApplyFailed = "apply failed";

    private readonly IFirewallBackend _backend;
    private readonly BlockStore _store;
    private readonly Allowlist _allowlist;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly BlockManagerOptions _options;
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>Creates the manager; validates <paramref name="options"/>.</summary>
    public BlockManager(
        IFirewallBackend backend,
        BlockStore store,
        Allowlist allowlist,
        TimeProvider timeProvider,
        ILogger<BlockManager> logger,
        BlockManagerOptions options)
    {
        ArgumentNullException.ThrowIfNull(backend);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(allowlist);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentNullException.ThrowIfNull(options);
        var errors = options.Validate();
        if (errors.Count > 0)
            throw new ArgumentException("Invalid block options:" + Environment.NewLine + string.Join(Environment.NewLine, errors), nameof(options));
        _backend = backend;
        _store = store;
        _allowlist = allowlist;
        _timeProvider = timeProvider;
        _logger = logger;
        _options = options;
    }

    /// <summary>Blocks the verdict's address for its duration, or extends an active block.</summary>
    /// <param name="verdict">The scorer's decision; only <see cref="VerdictAction.Block"/> acts.</param>
    /// <param name="rulesSummary">Which rules/detectors fired, stored with the block.</param>
    /// <param name="cancellationToken">Cancels the wait for the gate or the firewall command.</param>
    /// <exception cref="FirewallCommandException">The batch failed; the store was rolled back.</exception>
    public Task<BlockOutcome> BlockAsync(Verdict verdict, string rulesSummary, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(verdict);
        ArgumentNullException.ThrowIfNull(rulesSummary);
        if (verdict.Action != VerdictAction.Block)
        {
            return Task.FromResult(new BlockOutcome
            {
                Kind = BlockOutcomeKind.Ignored,
                Address = verdict.Address,
                Reason = $"verdict action is {verdict.Action}",
            });
        }
        var reasonsJson = JsonSerializer.Serialize(verdict.Reasons, ResponseJsonContext.Default.IReadOnlyListVerdictReason);
        var duration = verdict.Duration > TimeSpan.Zero ? verdict.Duration : _options.DefaultDuration;
        return BlockCoreAsync(verdict.Address, verdict.Score, reasonsJson, rulesSummary, duration, manual: false, cancellationToken);
    }

    /// <summary>An operator's block: score 100, reason stored as given. Allowlisted addresses are still refused.</summary>
    public Task<BlockOutcome> BlockManualAsync(IpAddr address, TimeSpan duration, string reason, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reason);
        IReadOnlyList<VerdictReason> reasons = [new VerdictReason("manual", reason, 0)];
        var reasonsJson = JsonSerializer.Serialize(reasons, ResponseJsonContext.Default.IReadOnlyListVerdictReason);
        return BlockCoreAsync(address, 100, reasonsJson, "manual", duration, manual: true, cancellationToken);
    }

    /// <summary>Ends the open block of <paramref name="address"/> (and removes it from the firewall in any case).</summary>
    /// <returns>True when an open block was closed.</returns>
    public async Task<bool> UnblockAsync(IpAddr address, string reason, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reason);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var now = _timeProvider.GetUtcNow();
            var open = _store.Find(address);
            if (open is not null)
                _store.MarkRemoved(open.Id, reason, now);
            try
            {
                await _backend.ApplyAsync([FirewallChange.Remove(address)], cancellationToken).ConfigureAwait(false);
            }
            catch (Exception)
            {
                if (open is not null)
                    _store.Reopen(open.Id);
                throw;
            }
            ResponseLog.Unblocked(_logger, address.ToString(), reason);
            return open is not null;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Closes every block whose expiry is at or before now and removes it from the firewall.</summary>
    /// <returns>How many blocks were closed.</returns>
    /// <remarks>Removing is harmless when the set timeout already dropped the element.</remarks>
    public async Task<int> ExpireAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var now = _timeProvider.GetUtcNow();
            var expired = _store.GetExpired(now);
            if (expired.Count == 0)
                return 0;
            var changes = new List<FirewallChange>(expired.Count);
            foreach (var record in expired)
            {
                _store.MarkRemoved(record.Id, "expired", now);
                changes.Add(FirewallChange.Remove(record.Address));
            }
            try
            {
                await _backend.ApplyAsync(changes, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception)
            {
                foreach (var record in expired)
                    _store.Reopen(record.Id);
                throw;
            }
            ResponseLog.Expired(_logger, expired.Count);
            return expired.Count;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Makes the firewall match the active store rows: adds missing, removes unknown, refreshes wrong timeouts.</summary>
    /// <returns>The number of entries that had drifted (0 when store and firewall agreed).</returns>
    /// <remarks>Active rows whose address has become allowlisted are closed and removed too.</remarks>
    public async Task<int> ReconcileAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var now = _timeProvider.GetUtcNow();
            var closed = new List<long>();
            var desired = new Dictionary<IpAddr, BlockRecord>();
            foreach (var record in _store.GetActive(now))
            {
                if (_allowlist.IsAllowed(record.Address, out var reason))
                {
                    ResponseLog.ActiveBlockAllowlisted(_logger, record.Address.ToString(), reason);
                    _store.MarkRemoved(record.Id, "allowlisted: " + reason, now);
                    closed.Add(record.Id);
                    continue;
                }
                desired[record.Address] = record;
            }

            var present = new Dictionary<IpAddr, FirewallEntry>();
            foreach (var entry in await _backend.ListAsync(cancellationToken).ConfigureAwait(false))
                present[entry.Target.Network] = entry;

            var changes = new List<FirewallChange>();
            int added = 0, removed = 0, refreshed = 0;
            foreach (var (address, record) in desired)
            {
                var remaining = record.ExpiresAt - now;
                if (!present.TryGetValue(address, out var entry))
                {
                    changes.Add(FirewallChange.Add(address, remaining));
                    added++;
                }
                else if (entry.Remaining is not { } actual || (actual - remaining).Duration() > _options.ReconcileTolerance)
                {
                    changes.Add(FirewallChange.Add(address, remaining));
                    refreshed++;
                }
            }
            foreach (var address in present.Keys)
            {
                if (!desired.ContainsKey(address))
                {
                    changes.Add(FirewallChange.Remove(address));
                    removed++;
                }
            }

            try
            {
                await _backend.ApplyAsync(changes, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception)
            {
                foreach (var id in closed)
                    _store.Reopen(id);
                throw;
            }
            if (changes.Count > 0)
                ResponseLog.Reconciled(_logger, added, removed, refreshed);
            return changes.Count;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<BlockOutcome> BlockCoreAsync(
        IpAddr address, int score, string reasonsJson, string rules, TimeSpan duration, bool manual, CancellationToken cancellationToken)
    {
        if (_allowlist.IsAllowed(address, out var allowedBecause))
        {
            ResponseLog.RefusedAllowlisted(_logger, address.ToString(), allowedBecause);
            return new BlockOutcome { Kind = BlockOutcomeKind.RefusedAllowlisted, Address = address, Reason = allowedBecause };
        }
        duration = Clamp(duration);

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var now = _timeProvider.GetUtcNow();
            var expiresAt = now + duration;
            var existing = _store.Find(address);
            if (existing is not null)
            {
                if (existing.ExpiresAt > now)
                    return await ExtendAsync(existing, now, expiresAt, score, reasonsJson, rules, cancellationToken).ConfigureAwait(false);
                _store.MarkRemoved(existing.Id, "expired", now);
            }

            var changes = new List<FirewallChange>();
            var evicted = new List<BlockRecord>();
            for (var active = _store.CountActive(now); active >= _options.MaxActiveBlocks; active--)
            {
                var lowest = _store.FindLowestScoreActive(now);
                if (lowest is null || lowest.Score > score)
                {
                    foreach (var record in evicted)
                        _store.Reopen(record.Id);
                    ResponseLog.RefusedCapacity(_logger, _options.MaxActiveBlocks, address.ToString(), score);
                    return new BlockOutcome
                    {
                        Kind = BlockOutcomeKind.RefusedCapacity,
                        Address = address,
                        Reason = $"active block cap {_options.MaxActiveBlocks} reached",
                    };
                }
                ResponseLog.Evicting(_logger, _options.MaxActiveBlocks, lowest.Address.ToString(), lowest.Score, address.ToString(), score);
                _store.MarkRemoved(lowest.Id, "evicted: active block cap", now);
                changes.Add(FirewallChange.Remove(lowest.Address));
                evicted.Add(lowest);
            }

            var id = _store.Add(new BlockRecord
            {
                Address = address,
                Score = score,
                ReasonsJson = reasonsJson,
                Rules = rules,
                CreatedAt = now,
                ExpiresAt = expiresAt,
                Manual = manual,
            });
            changes.Add(FirewallChange.Add(address, duration));
            try
            {
                await _backend.ApplyAsync(changes, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                _store.MarkRemoved(id, ApplyFailed, now);
                foreach (var record in evicted)
                    _store.Reopen(record.Id);
                ResponseLog.ApplyFailed(_logger, ex, address.ToString(), id);
                throw;
            }
            ResponseLog.Blocked(_logger, address.ToString(), expiresAt, score, id);
            return new BlockOutcome { Kind = BlockOutcomeKind.Blocked, Address = address, ExpiresAt = expiresAt, BlockId = id };
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<BlockOutcome> ExtendAsync(
        BlockRecord existing, DateTimeOffset now, DateTimeOffset expiresAt, int score, string reasonsJson, string rules,
        CancellationToken cancellationToken)
    {
        var newExpiry = expiresAt > existing.ExpiresAt ? expiresAt : existing.ExpiresAt;
        var newScore = Math.Max(score, existing.Score);
        _store.Update(existing.Id, newExpiry, newScore, reasonsJson, rules);
        try
        {
            await _backend.ApplyAsync([FirewallChange.Add(existing.Address, newExpiry - now)], cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            _store.Update(existing.Id, existing.ExpiresAt, existing.Score, existing.ReasonsJson, existing.Rules);
            ResponseLog.ApplyFailed(_logger, ex, existing.Address.ToString(), existing.Id);
            throw;
        }
        ResponseLog.Extended(_logger, existing.Address.ToString(), newExpiry, newScore, existing.Id);
        return new BlockOutcome { Kind = BlockOutcomeKind.Extended, Address = existing.Address, ExpiresAt = newExpiry, BlockId = existing.Id };
    }

    private TimeSpan Clamp(TimeSpan duration) =>
        duration < _options.MinDuration ? _options.MinDuration
        : duration > _options.MaxDuration ? _options.MaxDuration
        : duration;
}
