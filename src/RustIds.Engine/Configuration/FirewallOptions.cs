namespace RustIds.Engine.Configuration;

/// <summary>Where verdicts become firewall state.</summary>
public sealed class FirewallOptions
{
    /// <summary><c>nftables</c> or <c>dry-run</c> (log and record only). <c>--firewall</c> overrides it.</summary>
    public string Backend { get; set; } = FirewallBackendNames.Nftables;

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
}
