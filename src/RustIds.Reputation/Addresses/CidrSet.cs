using RustIds.Packets;

namespace RustIds.Reputation.Addresses;

/// <summary>
/// An immutable set of IPv4 and IPv6 networks, stored as sorted disjoint inclusive ranges
/// (overlapping and adjacent networks merged); <see cref="Contains"/> is an indexed binary search.
/// </summary>
/// <remarks>
/// Thread-safe: never changes after <see cref="CidrSetBuilder.Build"/>. Lookups allocate nothing.
/// IPv4 ranges sit in a <see cref="V4RangeTable"/> (one packed array plus a /16 index on large sets,
/// ≥ 10 M lookups/s on a 1M-entry set); IPv6 sets are small in every feed we know of, so they are
/// a plain binary search.
/// </remarks>
public sealed class CidrSet
{
    private readonly V4RangeTable _v4;
    private readonly UInt128[] _v6Starts;
    private readonly UInt128[] _v6Ends;

    internal CidrSet(ulong[] v4Packed, UInt128[] v6Starts, UInt128[] v6Ends, int entries)
    {
        _v4 = v4Packed.Length == 0 ? V4RangeTable.Empty : new V4RangeTable(v4Packed);
        _v6Starts = v6Starts;
        _v6Ends = v6Ends;
        Entries = entries;
    }

    /// <summary>A set with nothing in it.</summary>
    public static CidrSet Empty { get; } = new([], [], [], 0);

    /// <summary>Number of networks added to the builder (before merging).</summary>
    public int Entries { get; }

    /// <summary>Number of disjoint IPv4 ranges after merging.</summary>
    public int V4RangeCount => _v4.Count;

    /// <summary>Number of disjoint IPv6 ranges after merging.</summary>
    public int V6RangeCount => _v6Starts.Length;

    /// <summary>Number of disjoint ranges after merging, both families.</summary>
    public int RangeCount => V4RangeCount + V6RangeCount;

    /// <summary>Number of IPv4 addresses covered.</summary>
    public ulong V4AddressCount
    {
        get
        {
            ulong total = 0;
            for (var i = 0; i < _v4.Count; i++)
                total += (ulong)_v4.End(i) - _v4.Start(i) + 1;
            return total;
        }
    }

    /// <summary>Bytes held by the set's arrays (ranges and index), headers included.</summary>
    /// <remarks>About 8 bytes per IPv4 range plus a fixed 256 KB index past 2 048 ranges; 32 bytes per IPv6 range.</remarks>
    public long MemoryBytes => 64 + _v4.MemoryBytes
        + V4RangeTable.ArrayBytes(_v6Starts.Length, 16) + V4RangeTable.ArrayBytes(_v6Ends.Length, 16);

    /// <summary>True when the IPv4 ranges carry the first-level /16 index (large sets only).</summary>
    internal bool IsV4Indexed => _v4.IsIndexed;

    /// <summary>True when some network of the set contains <paramref name="address"/>.</summary>
    public bool Contains(IpAddr address)
    {
        if (address.IsV4)
            return _v4.Contains(address.V4Value);
        if (address.IsV6)
        {
            var value = new UInt128(address.High, address.Low);
            var i = LastStartAtOrBelow(_v6Starts, value);
            return i >= 0 && value <= _v6Ends[i];
        }
        return false;
    }

    /// <summary>The merged range holding <paramref name="address"/>, for explanations; false when none does.</summary>
    public bool TryFindRange(IpAddr address, out IpAddr first, out IpAddr last)
    {
        first = last = default;
        if (address.IsV4)
        {
            var i = _v4.LastStartAtOrBelow(address.V4Value);
            if (i < 0 || address.V4Value > _v4.End(i))
                return false;
            (first, last) = (IpAddr.FromV4(_v4.Start(i)), IpAddr.FromV4(_v4.End(i)));
            return true;
        }
        if (address.IsV6)
        {
            var value = new UInt128(address.High, address.Low);
            var i = LastStartAtOrBelow(_v6Starts, value);
            if (i < 0 || value > _v6Ends[i])
                return false;
            (first, last) = (IpAddr.FromV6((ulong)(_v6Starts[i] >> 64), (ulong)_v6Starts[i]), IpAddr.FromV6((ulong)(_v6Ends[i] >> 64), (ulong)_v6Ends[i]));
            return true;
        }
        return false;
    }

    /// <summary>True when some address of <paramref name="network"/> is in the set.</summary>
    public bool Overlaps(Cidr network)
    {
        if (network.Network.IsV4)
        {
            var i = _v4.LastStartAtOrBelow((uint)network.Last);
            return i >= 0 && _v4.End(i) >= (uint)network.First;
        }
        var j = LastStartAtOrBelow(_v6Starts, network.Last);
        return j >= 0 && _v6Ends[j] >= network.First;
    }

    /// <summary>The set as the fewest CIDR networks that cover exactly its ranges, IPv4 first, ascending.</summary>
    /// <remarks>For firewalls whose sets hold prefixes only (ipset <c>hash:net</c>); a range splits into at most 2 × bits networks.</remarks>
    public IEnumerable<Cidr> ToCidrs()
    {
        for (var i = 0; i < _v4.Count; i++)
        {
            foreach (var cidr in RangeDecomposer.Decompose(_v4.Start(i), _v4.End(i), 32))
                yield return cidr;
        }
        for (var i = 0; i < _v6Starts.Length; i++)
        {
            foreach (var cidr in RangeDecomposer.Decompose(_v6Starts[i], _v6Ends[i], 128))
                yield return cidr;
        }
    }

    private static int LastStartAtOrBelow(UInt128[] starts, UInt128 value)
    {
        int low = 0, high = starts.Length - 1, found = -1;
        while (low <= high)
        {
            var mid = low + ((high - low) >> 1);
            if (starts[mid] <= value)
            {
                found = mid;
                low = mid + 1;
            }
            else
            {
                high = mid - 1;
            }
        }
        return found;
    }
}
