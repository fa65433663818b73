using Microsoft.Extensions.Logging.Abstractions;
using RustIds.Reputation.Addresses;

namespace RustIds.Response.Tests;

/// <summary>
/// A dry-run backend that counts batches and refuses, as a whole, any batch that touches a
/// poisoned target (like nft refusing one bad element of a transaction).
/// </summary>
internal sealed class FailingBackend(TimeProvider clock) : IFirewallBackend
{
    private readonly DryRunBackend _inner = new(NullLogger<DryRunBackend>.Instance, clock);
    private int _batches;

    public HashSet<Cidr> Poisoned { get; } = [];

    /// <summary>Apply the changes before a poisoned one, as <c>ipset restore</c> does, instead of nothing.</summary>
    public bool KeepsLinesBeforeFailure { get; set; }

    public int Batches => Volatile.Read(ref _batches);

    public DryRunBackend Inner => _inner;

    public string Name => "failing";

    public Task ApplyAsync(IReadOnlyList<FirewallChange> changes, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _batches);
        var poisoned = changes.ToList().FindIndex(c => Poisoned.Contains(c.Target));
        if (poisoned >= 0 && KeepsLinesBeforeFailure)
            _inner.ApplyAsync([.. changes.Take(poisoned)], cancellationToken);
        if (poisoned >= 0)
            throw new FirewallCommandException("refused", "/usr/sbin/nft", ["-f", "-"], 1, "Error: Could not process rule: File exists", isTransient: false);
        return _inner.ApplyAsync(changes, cancellationToken);
    }

    public Task SetupAsync(CancellationToken cancellationToken = default) => _inner.SetupAsync(cancellationToken);

    public Task<IReadOnlyList<FirewallEntry>> ListAsync(CancellationToken cancellationToken = default) => _inner.ListAsync(cancellationToken);

    public Task ReplaceAllowlistAsync(CidrSet allowed, CancellationToken cancellationToken = default) => _inner.ReplaceAllowlistAsync(allowed, cancellationToken);

    public Task ReplaceFeedSetAsync(FeedSetName feed, CidrSet entries, CancellationToken cancellationToken = default) =>
        _inner.ReplaceFeedSetAsync(feed, entries, cancellationToken);

    public Task RemoveFeedSetAsync(FeedSetName feed, CancellationToken cancellationToken = default) => _inner.RemoveFeedSetAsync(feed, cancellationToken);

    public Task<IReadOnlyList<FeedSetInfo>> ListFeedSetsAsync(CancellationToken cancellationToken = default) => _inner.ListFeedSetsAsync(cancellationToken);

    public Task TeardownAsync(CancellationToken cancellationToken = default) => _inner.TeardownAsync(cancellationToken);
}
