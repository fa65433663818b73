using RustIds.Packets;

namespace RustIds.Reputation.Addresses;

/// <summary>
/// An immutable set of IPv4 and IPv6 networks, stored as sorted disjoint inclusive ranges
/// (overlapping and adjacent networks merged); <see cref="Contains"/> is a binary search.
/// </summary>
/// <remarks>Thread-safe: never changes after <see cref="CidrSetBuilder.Build"/>. Lookups allocate nothing.</remarks>
public sealed class CidrSet
{
    private readonly uint[] _v4Starts;
    private readonly uint[] _v4Ends;
    private readonly UInt128[] _v6Starts;
    private readonly UInt128[] _v6Ends;

    internal CidrSet(uint[] v4Starts, uint[] v4Ends, UInt128[] v6Starts, UInt128[] v6Ends, int entries)
    {
        _v4Starts = v4Starts;
        _v4Ends = v4Ends;
        _v6Starts = v6Starts;
        _v6Ends = v6Ends;
        Entries = entries;
    }

    /// <summary>A set with nothing in it.</summary>
    public static CidrSet Empty { get; } = new([], [], [], [], 0);

    /// <summary>Number of networks added to the builder (before merging).</summary>
    public int Entries { get; }

    /// <summary>Number of disjoint IPv4 ranges after merging.</summary>
    public int V4RangeCount => _v4Starts.Length;

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
            for (var i = 0; i < _v4Starts.Length; i++)
                total += (ulong)_v4Ends[i] - _v4Starts[i] + 1;
            return total;
        }
    }

    /// <summary>True when some network of the set contains <paramref name="address"/>.</summary>
    public bool Contains(IpAddr address)
    {
        if (address.IsV4)
        {
            var i = LastStartAtOrBelow(_v4Starts, address.V4Value);
            return i >= 0 && address.V4Value <= _v4Ends[i];
        }
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
            var i = LastStartAtOrBelow(_v4Starts, address.V4Value);
            if (i < 0 || address.V4Value > _v4Ends[i])
                return false;
            (first, last) = (IpAddr.FromV4(_v4Starts[i]), IpAddr.FromV4(_v4Ends[i]));
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
            var i = LastStartAtOrBelow(_v4Starts, (uint)network.Last);
            return i >= 0 && _v4Ends[i] >= (uint)network.First;
        }
        var j = LastStartAtOrBelow(_v6Starts, network.Last);
        return j >= 0 && _v6Ends[j] >= network.First;
    }

    /// <summary>The set as the fewest CIDR networks that cover exactly its ranges, IPv4 first, ascending.</summary>
    /// <remarks>For firewalls whose sets hold prefixes only (ipset <c>hash:net</c>); a range splits into at most 2 × bits networks.</remarks>
    public IEnumerable<Cidr> ToCidrs()
    {
        for (var i = 0; i < _v4Starts.Length; i++)
        {
            foreach (var cidr in Decompose(_v4Starts[i], _v4Ends[i], 32))
                yield return cidr;
        }
        for (var i = 0; i < _v6Starts.Length; i++)
        {
            foreach (var cidr in Decompose(_v6Starts[i], _v6Ends[i], 128))
                yield return cidr;
        }
    }

    private static IEnumerable<Cidr> Decompose(UInt128 start, UInt128 end, int bits)
    {
        while (true)
        {
            // The largest block aligned at start that does not pass end.
            var size = start == 0 ? bits : Math.Min(bits, (int)UInt128.TrailingZeroCount(start));
            while (size > 0 && (size == 128 ? UInt128.MaxValue : (UInt128.One << size) - 1) > end - start)
                size--;
            var address = bits == 32 ? IpAddr.FromV4((uint)start) : IpAddr.FromV6((ulong)(start >> 64), (ulong)start);
            yield return new Cidr(address, bits - size);
            var last = start + (size == 128 ? UInt128.MaxValue : (UInt128.One << size) - 1);
            if (last >= end)
                yield break;
            start = last + 1;
        }
    }

    private static int LastStartAtOrBelow<T>(T[] starts, T value)
        where T : struct, IComparable<T>
    {
        int low = 0, high = starts.Length - 1, found = -1;
        while (low <= high)
        {
            var mid = low + ((high - low) >> 1);
            if (starts[mid].CompareTo(value) <= 0)
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
