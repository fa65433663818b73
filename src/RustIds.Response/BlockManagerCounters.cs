namespace RustIds.Response;

/// <summary>What the block manager did since start, for <c>--stats</c>, logs and metrics. Thread-safe reads.</summary>
public sealed class BlockManagerCounters
{
    private long _batches;
    private long _changes;
    private long _batchFailures;
    private long _drift;
    private long _refusedAllowlisted;
    private long _evicted;
    private long _aggregated;
    private long _connectionFlushes;
    private long _connectionFlushFailures;

    /// <summary>Firewall batches applied.</summary>
    public long Batches => Interlocked.Read(ref _batches);

    /// <summary>Firewall changes applied (in all batches).</summary>
    public long Changes => Interlocked.Read(ref _changes);

    /// <summary>Batches the firewall refused (the store was rolled back each time).</summary>
    public long BatchFailures => Interlocked.Read(ref _batchFailures);

    /// <summary>Entries reconciliation had to add, remove or refresh.</summary>
    public long Drift => Interlocked.Read(ref _drift);

    /// <summary>Verdicts refused because the target is allowlisted.</summary>
    public long RefusedAllowlisted => Interlocked.Read(ref _refusedAllowlisted);

    /// <summary>Blocks evicted by the active-block cap.</summary>
    public long Evicted => Interlocked.Read(ref _evicted);

    /// <summary>Prefix blocks created from several blocked addresses.</summary>
    public long Aggregated => Interlocked.Read(ref _aggregated);

    /// <summary>Targets whose conntrack entries were deleted.</summary>
    public long ConnectionFlushes => Interlocked.Read(ref _connectionFlushes);

    /// <summary>How long each firewall batch took to apply (successful ones), for the metrics' histogram.</summary>
    public LatencyHistogram ApplyLatency { get; } = new();

    /// <summary>conntrack deletions that failed.</summary>
    public long ConnectionFlushFailures => Interlocked.Read(ref _connectionFlushFailures);

    internal void Applied(int changes)
    {
        Interlocked.Increment(ref _batches);
        Interlocked.Add(ref _changes, changes);
    }

    internal void BatchFailed() => Interlocked.Increment(ref _batchFailures);

    internal void Drifted(int entries) => Interlocked.Add(ref _drift, entries);

    internal void Refused() => Interlocked.Increment(ref _refusedAllowlisted);

    internal void Evict() => Interlocked.Increment(ref _evicted);

    internal void Aggregate() => Interlocked.Increment(ref _aggregated);

    internal void ConnectionsFlushed(bool ok) => Interlocked.Increment(ref ok ? ref _connectionFlushes : ref _connectionFlushFailures);
}
