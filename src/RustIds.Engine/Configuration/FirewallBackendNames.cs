namespace RustIds.Engine.Configuration;

/// <summary>The accepted values of <see cref="FirewallOptions.Backend"/>.</summary>
public static class FirewallBackendNames
{
    public const string Nftables = "nftables";
    public const string DryRun = "dry-run";

    public static readonly IReadOnlyList<string> All = [Nftables, DryRun];
}
