using System.Text.RegularExpressions;

namespace RustIds.Response;

/// <summary>Options for the firewall backends.</summary>
public sealed partial class FirewallOptions
{
    /// <summary>Absolute path of the nft binary. Default <c>/usr/sbin/nft</c> (Debian).</summary>
    public string NftPath { get; set; } = "/usr/sbin/nft";

    /// <summary>Talk to nftables through libnftables in-process instead of an nft child process. Default true.</summary>
    /// <remarks>About 5 ms less per change (no process start, no cache fetch by a fresh nft); falls back to <see cref="NftPath"/> when <c>libnftables.so.1</c> cannot be loaded.</remarks>
    public bool UseLibNftables { get; set; } = true;

    /// <summary>Absolute path of iptables (IPv4). Default <c>/usr/sbin/iptables</c> (Debian: the nft-based variant).</summary>
    public string IptablesPath { get; set; } = "/usr/sbin/iptables";

    /// <summary>Absolute path of ip6tables. Default <c>/usr/sbin/ip6tables</c>.</summary>
    public string Ip6tablesPath { get; set; } = "/usr/sbin/ip6tables";

    /// <summary>Absolute path of iptables-restore (IPv4). Default <c>/usr/sbin/iptables-restore</c>, next to iptables.</summary>
    /// <remarks>Our chain is rewritten through one <c>iptables-restore --noflush</c> transaction so it never runs half-written.</remarks>
    public string IptablesRestorePath { get; set; } = "/usr/sbin/iptables-restore";

    /// <summary>Absolute path of ip6tables-restore. Default <c>/usr/sbin/ip6tables-restore</c>, next to ip6tables.</summary>
    public string Ip6tablesRestorePath { get; set; } = "/usr/sbin/ip6tables-restore";

    /// <summary>Absolute path of ipset. Default <c>/usr/sbin/ipset</c>.</summary>
    public string IpsetPath { get; set; } = "/usr/sbin/ipset";

    /// <summary>Absolute path of conntrack (conntrack-tools). Default <c>/usr/sbin/conntrack</c>.</summary>
    public string ConntrackPath { get; set; } = "/usr/sbin/conntrack";

    /// <summary>Also hook the <c>output</c> path: the host stops sending to blocked targets. Default false.</summary>
    /// <remarks>Off by default: replies to a blocked source are already dropped with its packets, and outbound blocking can surprise local services.</remarks>
    public bool HookOutput { get; set; }

    /// <summary>The rate applied to rate-limited targets.</summary>
    public RateLimitOptions RateLimit { get; set; } = new();

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
        foreach (var (name, path) in new[] { ("IptablesPath", IptablesPath), ("Ip6tablesPath", Ip6tablesPath), ("IptablesRestorePath", IptablesRestorePath), ("Ip6tablesRestorePath", Ip6tablesRestorePath), ("IpsetPath", IpsetPath), ("ConntrackPath", ConntrackPath) })
        {
            if (!Path.IsPathFullyQualified(path))
                errors.Add($"Firewall.{name} must be an absolute path, got '{path}'.");
        }
        errors.AddRange(RateLimit.Validate());
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

    /// <summary>Throws when <paramref name="options"/> is null or invalid; the message lists every problem.</summary>
    public static void ThrowIfInvalid(FirewallOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = options.Validate();
        if (errors.Count > 0)
            throw new ArgumentException("Invalid firewall options:" + Environment.NewLine + string.Join(Environment.NewLine, errors), nameof(options));
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
