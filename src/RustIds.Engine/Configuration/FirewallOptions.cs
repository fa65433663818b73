namespace RustIds.Engine.Configuration;

/// <summary>Where verdicts become firewall state.</summary>
public sealed class FirewallOptions
{
    /// <summary><c>auto</c>, <c>nftables</c>, <c>iptables</c> (with ipset) or <c>dry-run</c> (log and record only). <c>--firewall</c> overrides it.</summary>
    /// <remarks>Default <c>auto</c>: nftables when <c>nft</c> is installed, else iptables+ipset.</remarks>
    public string Backend { get; set; } = FirewallBackendNames.Auto;

    /// <summary>CIDRs never blocked, in addition to loopback, own addresses, gateway, resolvers and the SSH client.</summary>
    public List<string> Allowlist { get; set; } = [];

    /// <summary>Protect loopback, own addresses, default gateway, resolvers and SSH client. Default true.</summary>
    public bool ProtectInfrastructure { get; set; } = true;

    /// <summary>Cap on active blocks; past it the lowest-score block goes first. Default 10 000.</summary>
    public int MaxActiveBlocks { get; set; } = 10_000;

    /// <summary>nftables chain priority; default -10 so we drop before the distribution's filter chains accept.</summary>
    public int ChainPriority { get; set; } = -10;

    /// <summary>How often expired blocks are closed in the store and removed from the firewall. Default 1 s.</summary>
    public TimeSpan ExpirySweepInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How often the firewall is brought back to the stored state (also done at start). Default 1 min.</summary>
    public TimeSpan ReconcileInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Also drop traffic from this host to blocked targets (output hook). Default false.</summary>
    public bool HookOutput { get; set; }

    /// <summary>Delete a newly blocked target's conntrack entries. Default false (our rules drop their packets anyway).</summary>
    public bool DropConnections { get; set; }

    /// <summary>Packets per second a rate-limited source may still send. Default 10.</summary>
    public int RateLimitPacketsPerSecond { get; set; } = 10;

    /// <summary>Burst above the rate, in packets. Default 20.</summary>
    public int RateLimitBurst { get; set; } = 20;

    /// <summary>Block the IPv4 prefix once this many of its addresses are blocked; 0 (default) = off.</summary>
    public int Ipv4AggregateThreshold { get; set; }

    /// <summary>The IPv4 aggregation prefix length. Default 24.</summary>
    public int Ipv4AggregatePrefixLength { get; set; } = 24;

    /// <summary>Block the IPv6 prefix once this many of its addresses are blocked. Default 3; 0 = off.</summary>
    public int Ipv6AggregateThreshold { get; set; } = 3;

    /// <summary>The IPv6 aggregation prefix length. Default 64.</summary>
    public int Ipv6AggregatePrefixLength { get; set; } = 64;

    /// <summary>Most operations per firewall batch. Default 1000.</summary>
    public int MaxBatchSize { get; set; } = 1000;

    /// <summary>Deadline of one firewall command or transaction. Default 60 s: a single block takes milliseconds, but replacing a feed set of a million networks takes nft about 20 s.</summary>
    public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromSeconds(60);
}
