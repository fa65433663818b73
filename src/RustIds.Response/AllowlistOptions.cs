namespace RustIds.Response;

/// <summary>What must never be blocked. Every automatic protection is on by default.</summary>
public sealed class AllowlistOptions
{
    /// <summary>Operator-configured addresses and prefixes (<c>ADDR</c> or <c>ADDR/LEN</c>).</summary>
    public IList<string> Cidrs { get; init; } = [];

    /// <summary>Never block 127.0.0.0/8 and ::1. Default true.</summary>
    public bool ProtectLoopback { get; set; } = true;

    /// <summary>Never block this host's own unicast addresses. Default true.</summary>
    public bool ProtectHostAddresses { get; set; } = true;

    /// <summary>Never block the default gateways (IPv4 and IPv6). Default true.</summary>
    /// <remarks>Blocking the gateway cuts the host off; it is also the apparent source of NATed traffic.</remarks>
    public bool ProtectDefaultGateway { get; set; } = true;

    /// <summary>Never block the resolvers in resolv.conf. Default true.</summary>
    public bool ProtectResolvers { get; set; } = true;

    /// <summary>Never block the SSH client from <c>SSH_CONNECTION</c> (the operator's own session). Default true.</summary>
    public bool ProtectSshClient { get; set; } = true;

    /// <summary>IPv4 routing table. Default <c>/proc/net/route</c>.</summary>
    public string RoutePath { get; set; } = "/proc/net/route";

    /// <summary>IPv6 routing table. Default <c>/proc/net/ipv6_route</c>.</summary>
    public string Ipv6RoutePath { get; set; } = "/proc/net/ipv6_route";

    /// <summary>Resolver configuration. Default <c>/etc/resolv.conf</c>.</summary>
    public string ResolvConfPath { get; set; } = "/etc/resolv.conf";
}
