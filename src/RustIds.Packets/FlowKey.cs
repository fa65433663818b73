using System.Runtime.CompilerServices;

namespace RustIds.Packets;

/// <summary>Identifies a flow by protocol, VLAN and both endpoints, the same value for both directions.</summary>
/// <remarks>
/// The two (address, port) endpoints are stored in sorted order, so A→B and B→A give equal keys and
/// equal hashes; that is also what lets several workers shard traffic by a symmetric hash.
/// </remarks>
public readonly struct FlowKey : IEquatable<FlowKey>
{
    private static readonly ulong Seed = (ulong)Random.Shared.NextInt64();

    private FlowKey(IpAddr lowAddress, ushort lowPort, IpAddr highAddress, ushort highPort, IpProtocol protocol, ushort vlanId)
    {
        LowAddress = lowAddress;
        LowPort = lowPort;
        HighAddress = highAddress;
        HighPort = highPort;
        Protocol = protocol;
        VlanId = vlanId;
    }

    // Declared widest first: 56 bytes, where the endpoints in pairs padded each port to 8 (64 bytes); with the flow id
    // the key then fills the first cache line of a FlowEntry.
    public IpAddr LowAddress { get; }

    public IpAddr HighAddress { get; }

    public ushort LowPort { get; }

    public ushort HighPort { get; }

    public ushort VlanId { get; }

    public IpProtocol Protocol { get; }

    /// <summary>The key of the flow <paramref name="packet"/> belongs to, whichever way it travels.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static FlowKey From(in Packet packet) =>
        Create(packet.Source, packet.SourcePort, packet.Destination, packet.DestinationPort, packet.Protocol, packet.VlanId);

    public static FlowKey Create(IpAddr source, ushort sourcePort, IpAddr destination, ushort destinationPort, IpProtocol protocol, ushort vlanId = 0)
    {
        var order = Compare(source, destination);
        return order < 0 || (order == 0 && sourcePort <= destinationPort)
            ? new FlowKey(source, sourcePort, destination, destinationPort, protocol, vlanId)
            : new FlowKey(destination, destinationPort, source, sourcePort, protocol, vlanId);
    }

    /// <summary>Orders like <see cref="IpAddr.CompareTo"/>, which boxes its <c>AddressFamily</c> through <c>Enum.CompareTo(object)</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Compare(IpAddr left, IpAddr right)
    {
        if (left.Family != right.Family)
            return left.Family < right.Family ? -1 : 1;
        if (left.High != right.High)
            return left.High < right.High ? -1 : 1;
        return left.Low.CompareTo(right.Low);
    }

    public bool Equals(FlowKey other) =>
        LowAddress == other.LowAddress
        && HighAddress == other.HighAddress
        && LowPort == other.LowPort
        && HighPort == other.HighPort
        && Protocol == other.Protocol
        && VlanId == other.VlanId;

    public override bool Equals(object? obj) => obj is FlowKey other && Equals(other);

    /// <remarks>
    /// Mixed by hand from plain integers: <see cref="HashCode.Combine{T1, T2}"/> over the address
    /// struct and its enum boxed per call in unoptimised (Debug, tier-0) code. The per-process seed
    /// keeps collisions from being precomputed offline against the flow table.
    /// </remarks>
    public override int GetHashCode()
    {
        const ulong Prime = 0x9E3779B97F4A7C15;
        var hash = Seed;
        hash = (hash ^ LowAddress.High) * Prime;
        hash = (hash ^ LowAddress.Low) * Prime;
        hash = (hash ^ HighAddress.High) * Prime;
        hash = (hash ^ HighAddress.Low) * Prime;
        hash = (hash ^ ((ulong)LowPort << 48 | (ulong)HighPort << 32 | (ulong)VlanId << 16 | (ulong)Protocol << 8 | (byte)LowAddress.Family)) * Prime;
        return (int)(hash ^ (hash >> 29) ^ (hash >> 47));
    }

    public override string ToString() => $"{Protocol} {LowAddress}:{LowPort} <-> {HighAddress}:{HighPort} vlan {VlanId}";

    public static bool operator ==(FlowKey left, FlowKey right) => left.Equals(right);

    public static bool operator !=(FlowKey left, FlowKey right) => !left.Equals(right);
}
