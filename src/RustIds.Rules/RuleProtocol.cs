namespace RustIds.Rules;

/// <summary>The protocol field of a rule header.</summary>
public enum RuleProtocol : byte
{
    /// <summary><c>ip</c>: any IP packet.</summary>
    Ip,

    /// <summary><c>tcp</c>.</summary>
    Tcp,

    /// <summary><c>udp</c>.</summary>
    Udp,

    /// <summary><c>icmp</c>: ICMP and ICMPv6.</summary>
    Icmp,
}
