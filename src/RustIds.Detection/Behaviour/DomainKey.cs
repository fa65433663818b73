using RustIds.Packets;

namespace RustIds.Detection.Behaviour;

/// <summary>A DNS client and a registered domain (by hash), as a table key.</summary>
public readonly record struct DomainKey(IpAddr Client, ulong DomainHash) : ITableKey<DomainKey>
{
    public ulong Hash => KeyHash.Combine(KeyHash.Of(Client), DomainHash);
}
