namespace RustIds.Reputation.Addresses;

/// <summary>Collects networks with a value of 1–255, then builds a <see cref="CidrTierSet"/>. Not thread-safe.</summary>
internal sealed class CidrTierSetBuilder
{
    private readonly CidrSetBuilder?[] _tiers = new CidrSetBuilder?[256];

    /// <summary>Adds <paramref name="network"/> with <paramref name="value"/>, clamped to 1–255.</summary>
    public void Add(Cidr network, int value)
    {
        var tier = Math.Clamp(value, 1, 255);
        (_tiers[tier] ??= new CidrSetBuilder()).Add(network);
    }

    public CidrTierSet Build()
    {
        var values = new List<byte>();
        var sets = new List<CidrSet>();
        for (var tier = 255; tier >= 1; tier--)
        {
            if (_tiers[tier] is { } builder)
            {
                values.Add((byte)tier);
                sets.Add(builder.Build());
            }
        }
        return new CidrTierSet([.. values], [.. sets]);
    }
}
