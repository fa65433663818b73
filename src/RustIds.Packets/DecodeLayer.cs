namespace RustIds.Packets;

/// <summary>The protocol layer a decoder was reading when it finished; with <see cref="DecodeStatus"/> it says which kind of error a frame had.</summary>
public enum DecodeLayer : byte
{
    Link = 0,
    Vlan = 1,
    Ipv4 = 2,
    Ipv6 = 3,
    Tcp = 4,
    Udp = 5,
    Icmp = 6,
    Gre = 7,
    Vxlan = 8,
    Other = 9,
}
