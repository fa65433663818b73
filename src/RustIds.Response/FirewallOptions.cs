using System.Text.RegularExpressions;

namespace RustIds.Response;

/// <summary>Options for the firewall backends.</summary>
public sealed partial class FirewallOptions
{
    /// <summary>Absolute path of the nft binary. Default <c>/usr/sbin/nft</c> (Debian).</summary>
    public string NftPath { get; set; } = "/usr/sbin/nft";

    /// <summary>Absolute path of iproute2's <c>ip</c>; only used with <see cref="NetworkNamespace"/>.</summary>
    public string IpPath { get; set; } = ResolveIpPath();

    /// <summary>Run every command inside this network namespace (<c>ip netns exec</c>).</summary>
    /// <remarks>For tests and containment experiments; production leaves it null.</remarks>
    public string? NetworkNamespace { get; set; }

    /// <summary>nftables priority of the <c>input</c> and <c>forward</c> base chains. Default -10.</summary>
    /// <remarks>
    /// -10 runs just before the usual <c>filter</c> chains (priority 0) of the distribution or the
    /// operator, so offenders are dropped before those chains count, log or NAT-decide on them,
    /// while staying after conntrack (-200) and mangle (-150). A drop in any base chain is final,
    /// so an accept elsewhere cannot undo ours whatever the order.
    /// </remarks>
    public int ChainPriority { get; set; } = -10;

    /// <summary>Upper bound for one nft invocation. Default 10 s.</summary>
    /// <remarks>A batch of 1000 additions takes well under a second; a hung netlink call should not stall the responder.</remarks>
    public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Returns every invalid setting; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (!Path.IsPathFullyQualified(NftPath))
            errors.Add($"Firewall.NftPath must be an absolute path, got '{NftPath}'.");
        if (!Path.IsPathFullyQualified(IpPath))
            errors.Add($"Firewall.IpPath must be an absolute path, got '{IpPath}'.");
        if (NetworkNamespace is not null && !IsValidNamespaceName(NetworkNamespace))
            errors.Add($"Firewall.NetworkNamespace '{NetworkNamespace}' must be 1-64 characters of A-Z a-z 0-9 _ . - and not start with '-' or '.'.");
        if (ChainPriority is < -400 or > 400)
            errors.Add($"Firewall.ChainPriority must be between -400 and 400, got {ChainPriority}.");
        if (CommandTimeout <= TimeSpan.Zero)
            errors.Add("Firewall.CommandTimeout must be positive.");
        return errors;
    }

    /// <summary>True for names <c>ip netns</c> accepts and that cannot be read as an option or a path.</summary>
    public static bool IsValidNamespaceName(string name) => NamespaceNameRegex().IsMatch(name);

    /// <summary>The first existing of <c>/usr/sbin/ip</c>, <c>/usr/bin/ip</c>, <c>/sbin/ip</c>, <c>/bin/ip</c>.</summary>
    public static string ResolveIpPath()
    {
        string[] candidates = ["/usr/sbin/ip", "/usr/bin/ip", "/sbin/ip", "/bin/ip"];
        foreach (var candidate in candidates)
        {
            if (File.Exists(candidate))
                return candidate;
        }
        return candidates[0];
    }

    [GeneratedRegex("^[A-Za-z0-9_][A-Za-z0-9_.-]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex NamespaceNameRegex();
}
