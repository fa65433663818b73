namespace RustIds.Response;

/// <summary>The seam between the block manager and a firewall (nftables, iptables+ipset, dry run).</summary>
/// <remarks>Implementations touch only their own table/chain/sets. Callers serialise calls.</remarks>
public interface IFirewallBackend
{
    /// <summary>Short name for logs and the CLI ("nftables", "dry-run").</summary>
    string Name { get; }

    /// <summary>Creates our table, sets and chains; idempotent, keeps existing set elements.</summary>
    Task SetupAsync(CancellationToken cancellationToken = default);

    /// <summary>Applies all <paramref name="changes"/> in one atomic batch: all or nothing.</summary>
    /// <exception cref="FirewallCommandException">The batch failed; the previous state is intact.</exception>
    Task ApplyAsync(IReadOnlyList<FirewallChange> changes, CancellationToken cancellationToken = default);

    /// <summary>Reads back every blocked address with its remaining timeout.</summary>
    Task<IReadOnlyList<FirewallEntry>> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>Removes our table/chain/sets and nothing else; idempotent.</summary>
    Task TeardownAsync(CancellationToken cancellationToken = default);
}
