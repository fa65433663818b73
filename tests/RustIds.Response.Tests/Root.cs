namespace RustIds.Response.Tests;

/// <summary>Whether tests can create network namespaces and run nft in them.</summary>
internal static class Root
{
    public const string Nft = "/usr/sbin/nft";

    public static string Ip { get; } = FirewallOptions.ResolveIpPath();

    public static string? MissingReason =>
        !Environment.IsPrivilegedProcess ? "needs root to create network namespaces"
        : !File.Exists(Nft) ? $"{Nft} is absent (Debian package nftables)"
        : !File.Exists(Ip) ? "ip is absent (Debian package iproute2)"
        : null;

    public static void SkipUnlessAvailable() => Skip.If(MissingReason is not null, MissingReason);
}
