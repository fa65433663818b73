namespace RustIds.Packets;

/// <summary>IANA protocol numbers rustids decodes.</summary>
public enum IpProtocol : byte
{
    None = 0,
    Icmp = 1,
    Tcp = 6,
    Udp = 17,
    Gre = 47,
    IcmpV6 = 58,
}
