using RustIds.Reputation.Addresses;

namespace RustIds.Response;

/// <summary>The seam between the block manager and a firewall (nftables, iptables+ipset, dry run).</summary>
/// <remarks>
/// Implementations touch only their own table/chain/sets. Every method is one atomic step: it
/// applies fully or leaves the previous state. Callers serialise calls.
/// Traffic from the allowlist passes our chain untouched (it is checked first), so neither a block,
/// a rate limit nor a feed set can ever drop it.
/// </remarks>
public interface IFirewallBackend
{
    /// <summary>Short name for logs and the CLI ("nftables", "iptables", "dry-run").</summary>
    string Name { get; }

    /// <summary>Creates our table/chains/sets and hooks; idempotent, keeps existing set elements.</summary>
    Task SetupAsync(CancellationToken cancellationToken = default);

    /// <summary>Applies all <paramref name="changes"/> in one batch.</summary>
    /// <remarks>
    /// nftables applies a batch as one transaction: all or nothing. <c>ipset restore</c> keeps the
    /// lines before a failing one, so after any failure the block manager reconciles the firewall
    /// with the store, which puts the previous state back.
    /// </remarks>
    /// <exception cref="FirewallCommandException">The batch failed (nftables: nothing was applied).</exception>
    Task ApplyAsync(IReadOnlyList<FirewallChange> changes, CancellationToken cancellationToken = default);

    /// <summary>Reads back every blocked and rate-limited target with its remaining timeout.</summary>
    Task<IReadOnlyList<FirewallEntry>> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>Replaces the allowlist sets (checked before anything else in our chains) atomically.</summary>
    Task ReplaceAllowlistAsync(CidrSet allowed, CancellationToken cancellationToken = default);

    /// <summary>Replaces (or creates, with its drop rule) the set of a push-to-firewall feed atomically.</summary>
    Task ReplaceFeedSetAsync(FeedSetName feed, CidrSet entries, CancellationToken cancellationToken = default);

    /// <summary>Removes a feed's set and its rule; no error when it does not exist.</summary>
    Task RemoveFeedSetAsync(FeedSetName feed, CancellationToken cancellationToken = default);

    /// <summary>The feed sets present, with their element counts.</summary>
    Task<IReadOnlyList<FeedSetInfo>> ListFeedSetsAsync(CancellationToken cancellationToken = default);

    /// <summary>Removes our table/chain/sets and nothing else; idempotent.</summary>
    Task TeardownAsync(CancellationToken cancellationToken = default);
}
