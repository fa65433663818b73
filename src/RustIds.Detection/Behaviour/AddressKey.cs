using RustIds.Packets;

namespace RustIds.Detection.Behaviour;

/// <summary>One host, as a table key.</summary>
public readonly record struct AddressKey(IpAddr Address) : ITableKey<AddressKey>
{
    public ulong Hash => KeyHash.Of(Address);
}
