using RustIds.Packets;

namespace RustIds.Reputation.Addresses;

/// <summary>Collects networks, then builds an immutable <see cref="CidrSet"/>. Not thread-safe.</summary>
/// <remarks>
/// IPv4 ranges are kept packed as <c>start &lt;&lt; 32 | end</c> in one <see cref="ulong"/>, so a million
/// of them sort with a radix sort (<see cref="RangeSort"/>) and end up in the layout
/// <see cref="V4RangeTable"/> searches.
/// </remarks>
public sealed class CidrSetBuilder
{
    private readonly List<ulong> _v4 = [];
    private readonly List<(UInt128 Start, UInt128 End)> _v6 = [];

    /// <summary>Networks added so far.</summary>
    public int Count => _v4.Count + _v6.Count;

    /// <summary>Adds <paramref name="network"/>/<paramref name="prefixLength"/>; host bits are ignored.</summary>
    public CidrSetBuilder Add(IpAddr network, int prefixLength) => Add(new Cidr(network, prefixLength));

    /// <summary>Adds a network.</summary>
    public CidrSetBuilder Add(Cidr cidr)
    {
        if (cidr.Network.IsV4)
            _v4.Add(((ulong)(uint)cidr.First << 32) | (uint)cidr.Last);
        else
            _v6.Add((cidr.First, cidr.Last));
        return this;
    }

    /// <summary>Sorts and merges overlapping and adjacent networks into a new set.</summary>
    public CidrSet Build()
    {
        if (Count == 0)
            return CidrSet.Empty;
        var (v6Starts, v6Ends) = MergeV6(_v6);
        return new CidrSet(MergeV4(_v4), v6Starts, v6Ends, Count);
    }

    private static ulong[] MergeV4(List<ulong> ranges)
    {
        var sorted = ranges.ToArray();
        RangeSort.ByStart(sorted);
        var merged = 0;
        foreach (var range in sorted)
        {
            var start = (uint)(range >> 32);
            var end = (uint)range;
            if (merged > 0)
            {
                var last = (uint)sorted[merged - 1];
                // Adjacent (last + 1 == start) or overlapping ranges merge; last == max cannot be incremented.
                if (last == uint.MaxValue || start <= last + 1)
                {
                    if (end > last)
                        sorted[merged - 1] = (sorted[merged - 1] & 0xFFFF_FFFF_0000_0000UL) | end;
                    continue;
                }
            }
            sorted[merged++] = range;
        }
        return merged == sorted.Length ? sorted : sorted[..merged];
    }

    private static (UInt128[] Starts, UInt128[] Ends) MergeV6(List<(UInt128 Start, UInt128 End)> ranges)
    {
        var sorted = ranges.ToArray();
        Array.Sort(sorted, static (a, b) => a.Start.CompareTo(b.Start));
        var starts = new List<UInt128>(sorted.Length);
        var ends = new List<UInt128>(sorted.Length);
        foreach (var (start, end) in sorted)
        {
            if (ends.Count > 0)
            {
                var last = ends[^1];
                if (last == UInt128.MaxValue || start <= last + 1)
                {
                    if (end > last)
                        ends[^1] = end;
                    continue;
                }
            }
            starts.Add(start);
            ends.Add(end);
        }
        return (starts.ToArray(), ends.ToArray());
    }
}
