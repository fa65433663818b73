using RustIds.Packets;

namespace RustIds.Reputation.Addresses;

/// <summary>A small number (1–255) per network, looked up by address: the highest value of any network containing it.</summary>
/// <remarks>
/// Holds IPsum's "seen on N lists" counts. Stored as one <see cref="CidrSet"/> per distinct value,
/// highest first, instead of a dictionary per address or a value array parallel to the ranges:
/// a <see cref="CidrSet"/> merges adjacent networks, which would have to be undone for a parallel
/// array whenever neighbours differ, and overlapping networks with different values would need
/// splitting. Per-value sets merge freely, resolve overlaps to the highest value by lookup order,
/// and reuse the indexed search. IPsum has 10 distinct counts, so a hit walks at most 10 sets; a
/// caller checks the union first (see <c>Blocklist.Hits</c>) so a miss costs one lookup. Memory is
/// about the same as the union set. Immutable and thread-safe; lookups allocate nothing.
/// </remarks>
public sealed class CidrTierSet
{
    private readonly byte[] _values;
    private readonly CidrSet[] _sets;

    internal CidrTierSet(byte[] valuesDescending, CidrSet[] sets)
    {
        _values = valuesDescending;
        _sets = sets;
    }

    /// <summary>Number of distinct values held.</summary>
    public int TierCount => _values.Length;

    /// <summary>Bytes held by the per-value sets.</summary>
    public long MemoryBytes
    {
        get
        {
            long total = 48 + _values.Length;
            foreach (var set in _sets)
                total += set.MemoryBytes;
            return total;
        }
    }

    /// <summary>The highest value of a network containing <paramref name="address"/>, or 0 when none does.</summary>
    public int Lookup(IpAddr address)
    {
        for (var i = 0; i < _sets.Length; i++)
        {
            if (_sets[i].Contains(address))
                return _values[i];
        }
        return 0;
    }
}
