using System.Text.Json;
using Microsoft.Extensions.Logging;
using RustIds.Reputation;
using RustIds.Reputation.Addresses;

namespace RustIds.Response;

/// <summary>Turns verdicts into stored, applied, expiring firewall blocks and rate limits.</summary>
/// <remarks>
/// <para>
/// Every request is queued and applied in batches: the first caller drains the queue, planning each
/// operation against the in-memory <see cref="ActiveBlockTable"/>, writing all store changes in one
/// SQLite transaction, then applying all firewall changes in one atomic batch. Requests queued
/// while a batch is applied form the next batch (group commit), up to
/// <see cref="BlockManagerOptions.MaxBatchSize"/>.
/// </para>
/// <para>
/// Store first, firewall second. If the firewall refuses a batch, the store rows and the table are
/// put back and, for a batch of several operations, each is retried alone so one bad target
/// cannot sink the others. A crash between the two steps is repaired by <see cref="ReconcileAsync"/>.
/// Thread-safe.
/// </para>
/// </remarks>
public sealed partial class BlockManager
{
    private readonly IFirewallBackend _backend;
    private readonly BlockStore _store;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly BlockManagerOptions _options;
    private readonly ConnectionFlusher? _connections;
    private readonly ActiveBlockTable _table;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Lock _queueLock = new();
    private readonly List<PendingOperation> _queue = [];
    private Allowlist _allowlist;
    private bool _draining;
    private bool _loaded;

    /// <summary>Creates the manager; validates <paramref name="options"/>. Does no I/O: the store is read on first use.</summary>
    /// <param name="backend">The firewall.</param>
    /// <param name="store">The durable record of blocks.</param>
    /// <param name="allowlist">What is never blocked.</param>
    /// <param name="timeProvider">The clock (the packet clock in replays).</param>
    /// <param name="logger">Where decisions and corrections are logged.</param>
    /// <param name="options">Limits and policy.</param>
    /// <param name="connections">Deletes conntrack entries of new blocks when <see cref="BlockManagerOptions.DropConnections"/> is on; may be null otherwise.</param>
    public BlockManager(
        IFirewallBackend backend,
        BlockStore store,
        Allowlist allowlist,
        TimeProvider timeProvider,
        ILogger<BlockManager> logger,
        BlockManagerOptions options,
        ConnectionFlusher? connections = null)
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
        if (options.DropConnections && connections is null)
            throw new ArgumentException("DropConnections needs a ConnectionFlusher.", nameof(connections));
        _backend = backend;
        _store = store;
        _allowlist = allowlist;
        _timeProvider = timeProvider;
        _logger = logger;
        _options = options;
        _connections = options.DropConnections ? connections : null;
        _table = new ActiveBlockTable(options.Ipv4AggregatePrefixLength, options.Ipv6AggregatePrefixLength);
    }

    /// <summary>What the manager did since it was created.</summary>
    public BlockManagerCounters Counters { get; } = new();

    /// <summary>The allowlist in force.</summary>
    public Allowlist Allowlist => Volatile.Read(ref _allowlist);

    /// <summary>Sets up the firewall, pushes the allowlist into it and (unless told not to) reconciles it with the store.</summary>
    /// <returns>The number of entries that had drifted.</returns>
    public async Task<int> StartAsync(bool reconcile = true, CancellationToken cancellationToken = default)
    {
        await _backend.SetupAsync(cancellationToken).ConfigureAwait(false);
        await _backend.ReplaceAllowlistAsync(Allowlist.ToCidrSet(), cancellationToken).ConfigureAwait(false);
        return reconcile ? await ReconcileAsync(cancellationToken).ConfigureAwait(false) : 0;
    }

    /// <summary>
    /// Puts a new allowlist in force (a configuration reload): the firewall's allowlist sets are replaced, then a
    /// reconciliation lifts every active block the new list covers (each logged, as at start).
    /// </summary>
    /// <returns>The number of firewall entries the reconciliation changed.</returns>
    public async Task<int> ReplaceAllowlistAsync(Allowlist allowlist, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(allowlist);
        Volatile.Write(ref _allowlist, allowlist);
        await _backend.ReplaceAllowlistAsync(allowlist.ToCidrSet(), cancellationToken).ConfigureAwait(false);
        return await ReconcileAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Blocks or rate-limits the verdict's address for its duration, or extends an active block.</summary>
    /// <param name="verdict">The scorer's decision; only <see cref="VerdictAction.Block"/> and <see cref="VerdictAction.RateLimit"/> act.</param>
    /// <param name="rulesSummary">Which rules/detectors fired, stored with the block.</param>
    /// <param name="cancellationToken">Cancels the wait; the operation may still be applied.</param>
    /// <exception cref="FirewallCommandException">The firewall refused the change; the store was rolled back.</exception>
    public Task<BlockOutcome> BlockAsync(Verdict verdict, string rulesSummary, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(verdict);
        ArgumentNullException.ThrowIfNull(rulesSummary);
        var target = Cidr.Single(verdict.Address);
        if (!verdict.ChangesFirewall)
        {
            return Task.FromResult(new BlockOutcome
            {
                Kind = BlockOutcomeKind.Ignored,
                Target = target,
                Reason = $"verdict action is {verdict.Action}",
            });
        }
        var request = new BlockRequest(
            target,
            verdict.Action == VerdictAction.RateLimit ? FirewallAction.RateLimit : FirewallAction.Block,
            verdict.Score,
            JsonSerializer.Serialize(verdict.Reasons, ResponseJsonContext.Default.IReadOnlyListVerdictReason),
            rulesSummary,
            verdict.Duration > TimeSpan.Zero ? verdict.Duration : _options.DefaultDuration,
            Manual: false,
            verdict.EscalationLevel);
        return Enqueue(plan => PlanBlock(plan, request), cancellationToken);
    }

    /// <summary>An operator's block (or rate limit) of an address or prefix: score 100, reason stored as given. The allowlist still applies.</summary>
    public Task<BlockOutcome> BlockManualAsync(
        Cidr target, TimeSpan duration, string reason, FirewallAction action = FirewallAction.Block, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reason);
        IReadOnlyList<VerdictReason> reasons = [new VerdictReason("manual", reason, 0)];
        var request = new BlockRequest(
            target, action, 100, JsonSerializer.Serialize(reasons, ResponseJsonContext.Default.IReadOnlyListVerdictReason),
            "manual", duration, Manual: true, EscalationLevel: 0);
        return Enqueue(plan => PlanBlock(plan, request), cancellationToken);
    }

    /// <summary>Ends the open block or rate limit of <paramref name="target"/> (and removes it from the firewall in any case).</summary>
    /// <returns>True when an open record was closed.</returns>
    public Task<bool> UnblockAsync(Cidr target, string reason, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reason);
        return Enqueue(plan => PlanUnblock(plan, target, reason), cancellationToken);
    }

    /// <summary>Closes every block whose expiry is at or before now and removes it from the firewall.</summary>
    /// <returns>The records closed.</returns>
    /// <remarks>Removing is harmless when the set timeout already dropped the element.</remarks>
    public Task<IReadOnlyList<BlockRecord>> ExpireAsync(CancellationToken cancellationToken = default) =>
        Enqueue(PlanExpiry, cancellationToken);

    /// <summary>The active records (from memory once loaded, else from the store).</summary>
    public async Task<IReadOnlyList<BlockRecord>> GetActiveAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            EnsureLoaded();
            var now = _timeProvider.GetUtcNow();
            return _table.Records.Where(r => r.ExpiresAt > now).OrderBy(r => r.Id).ToArray();
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Reloads the open records from the store and makes the firewall match them: adds missing, removes unknown, refreshes wrong timeouts.</summary>
    /// <returns>The number of entries that had drifted (0 when store and firewall agreed).</returns>
    /// <remarks>Active rows whose target has become allowlisted are closed and removed too. Each correction is logged.</remarks>
    public async Task<int> ReconcileAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await ReconcileCoreAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    private Task<T> Enqueue<T>(Func<BatchPlan, Func<T>> plan, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var operation = new PendingOperation<T>(plan);
        bool lead;
        lock (_queueLock)
        {
            _queue.Add(operation);
            lead = !_draining;
            _draining = true;
        }
        if (lead)
            _ = DrainAsync();
        return cancellationToken.CanBeCanceled ? operation.Task.WaitAsync(cancellationToken) : operation.Task;
    }

    /// <summary>Applies queued operations batch by batch until the queue is empty; never throws.</summary>
    private async Task DrainAsync()
    {
        if (_options.BatchWindow > TimeSpan.Zero)
            await Task.Delay(_options.BatchWindow).ConfigureAwait(false);
        else
            await Task.Yield(); // off the caller's stack: the first caller does not pay for the whole queue
        while (true)
        {
            List<PendingOperation> batch;
            lock (_queueLock)
            {
                if (_queue.Count == 0)
                {
                    _draining = false;
                    return;
                }
                var take = Math.Min(_queue.Count, _options.MaxBatchSize);
                batch = _queue.GetRange(0, take);
                _queue.RemoveRange(0, take);
            }
            await _gate.WaitAsync().ConfigureAwait(false);
            try
            {
                await ApplyBatchAsync(batch, retryAlone: batch.Count > 1).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                foreach (var operation in batch)
                    operation.Fail(ex);
            }
            finally
            {
                _gate.Release();
            }
        }
    }

    private async Task ApplyBatchAsync(List<PendingOperation> batch, bool retryAlone)
    {
        EnsureLoaded();
        var plan = new BatchPlan(_table, _timeProvider.GetUtcNow());
        var planned = new List<PendingOperation>(batch.Count);
        foreach (var operation in batch)
        {
            try
            {
                operation.Plan(plan);
                planned.Add(operation);
            }
            catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
            {
                operation.Fail(ex);
            }
        }
        if (plan.IsEmpty)
        {
            CompleteAll(planned);
            return;
        }

        try
        {
            _store.WriteBatch(plan.WriteTo);
        }
        catch (Exception)
        {
            plan.UndoInMemory();
            throw;
        }

        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            await _backend.ApplyAsync(plan.Firewall).ConfigureAwait(false);
            Counters.ApplyLatency.ObserveSince(started);
        }
        catch (Exception ex)
        {
            Counters.BatchFailed();
            plan.UndoInMemory();
            _store.WriteBatch(plan.RevertIn);
            if (retryAlone && planned.Count > 1)
            {
                ResponseLog.BatchRetriedAlone(_logger, ex, planned.Count);
                foreach (var operation in planned)
                    await ApplyBatchAsync([operation], retryAlone: false).ConfigureAwait(false);
                return;
            }
            ResponseLog.ApplyFailed(_logger, ex, plan.Firewall.Count);
            // ipset restore keeps the lines before a failing one: bring the firewall back to the store
            // before the callers learn of the failure.
            await RepairAfterFailureAsync().ConfigureAwait(false);
            foreach (var operation in planned)
                operation.Fail(ex);
            return;
        }
        Counters.Applied(plan.Firewall.Count);
        CompleteAll(planned);
        if (_connections is not null)
            await FlushConnectionsAsync(plan.NewlyBlocked).ConfigureAwait(false);
    }

    /// <summary>Reconciles once after a refused batch; a failure here is logged and left to the periodic reconciliation.</summary>
    private async Task RepairAfterFailureAsync()
    {
        try
        {
            await ReconcileCoreAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is FirewallCommandException or Microsoft.Data.Sqlite.SqliteException or System.Text.Json.JsonException)
        {
            ResponseLog.RepairFailed(_logger, ex);
        }
    }

    private static void CompleteAll(List<PendingOperation> operations)
    {
        foreach (var operation in operations)
            operation.Complete();
    }

    private async Task FlushConnectionsAsync(List<Cidr> targets)
    {
        foreach (var target in targets)
            Counters.ConnectionsFlushed(await _connections!.FlushAsync(target).ConfigureAwait(false));
    }

    /// <summary>Loads the open rows on first use (the constructor does no I/O).</summary>
    private void EnsureLoaded()
    {
        if (_loaded)
            return;
        _table.Clear();
        foreach (var record in _store.GetActive(DateTimeOffset.MinValue))
            _table.Set(record.Target, record);
        _loaded = true;
    }

    private TimeSpan Clamp(TimeSpan duration) =>
        duration < _options.MinDuration ? _options.MinDuration
        : duration > _options.MaxDuration ? _options.MaxDuration
        : duration;

    private readonly record struct BlockRequest(
        Cidr Target, FirewallAction Action, int Score, string ReasonsJson, string Rules, TimeSpan Duration, bool Manual, int EscalationLevel);

    private abstract class PendingOperation
    {
        public abstract void Plan(BatchPlan plan);

        public abstract void Complete();

        public abstract void Fail(Exception exception);
    }

    private sealed class PendingOperation<T>(Func<BatchPlan, Func<T>> planner) : PendingOperation
    {
        private readonly TaskCompletionSource<T> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private Func<T>? _result;

        public Task<T> Task => _completion.Task;

        public override void Plan(BatchPlan plan) => _result = planner(plan);

        public override void Complete() => _completion.TrySetResult(_result!());

        public override void Fail(Exception exception) => _completion.TrySetException(exception);
    }
}
