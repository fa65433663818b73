namespace RustIds.Packets.Defragmentation;

/// <summary>What makes fragments belong to one datagram: addresses, identification, protocol (IPv4 only) and VLAN.</summary>
/// <remarks>RFC 791 keys IPv4 reassembly on source, destination, protocol and identification; RFC 8200 §4.5 keys IPv6 on source, destination and the 32-bit identification. The VLAN keeps identical traffic on different segments apart, as in Suricata.</remarks>
internal readonly struct DatagramKey(IpAddr source, IpAddr destination, uint identification, byte protocol, ushort vlanId) : IEquatable<DatagramKey>
{
    public IpAddr Source { get; } = source;

    public IpAddr Destination { get; } = destination;

    public uint Identification { get; } = identification;

    /// <summary>IPv4 protocol; 0 for IPv6, whose fragments may name different next headers.</summary>
    public byte Protocol { get; } = protocol;

    public ushort VlanId { get; } = vlanId;

    public bool Equals(DatagramKey other) =>
        Identification == other.Identification && Protocol == other.Protocol && VlanId == other.VlanId
        && Source.Equals(other.Source) && Destination.Equals(other.Destination);

    public override bool Equals(object? obj) => obj is DatagramKey other && Equals(other);

    // HashCode is seeded randomly per process, which keeps an attacker from choosing colliding identifications.
    public override int GetHashCode() => HashCode.Combine(Source, Destination, Identification, Protocol, VlanId);
}
