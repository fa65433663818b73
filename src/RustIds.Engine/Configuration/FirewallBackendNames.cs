namespace RustIds.Engine.Configuration;

/// <summary>The accepted values of <see cref="FirewallOptions.Backend"/>.</summary>
public static class FirewallBackendNames
{
    public const string Nftables = "nftables";
    public const string Iptables = "iptables";
    public const string DryRun = "dry-run";

    /// <summary>nftables when <c>nft</c> is installed and works, else iptables+ipset.</summary>
    public const string Auto = "auto";

    public static readonly IReadOnlyList<string> All = [Auto, Nftables, Iptables, DryRun];
}
