using RustIds.Packets;

namespace RustIds.Detection.Behaviour;

/// <summary>An internal host and an outside peer, as a table key (exfiltration baselines).</summary>
public readonly record struct PairKey(IpAddr Inside, IpAddr Outside) : ITableKey<PairKey>
{
    public ulong Hash => KeyHash.Combine(KeyHash.Of(Inside), KeyHash.Of(Outside));
}
