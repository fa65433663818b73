using RustIds.Packets;

namespace RustIds.Reputation.Addresses;

/// <summary>Collects networks, then builds an immutable <see cref="CidrSet"/>. Not thread-safe.</summary>
public sealed class CidrSetBuilder
{
    private readonly List<(uint Start, uint End)> _v4 = [];
    private readonly List<(UInt128 Start, UInt128 End)> _v6 = [];

    /// <summary>Networks added so far.</summary>
    public int Count => _v4.Count + _v6.Count;

    /// <summary>Adds <paramref name="network"/>/<paramref name="prefixLength"/>; host bits are ignored.</summary>
    public CidrSetBuilder Add(IpAddr network, int prefixLength) => Add(new Cidr(network, prefixLength));

    /// <summary>Adds a network.</summary>
    public CidrSetBuilder Add(Cidr cidr)
    {
        if (cidr.Network.IsV4)
            _v4.Add(((uint)cidr.First, (uint)cidr.Last));
        else
            _v6.Add((cidr.First, cidr.Last));
        return this;
    }

    /// <summary>Sorts and merges overlapping and adjacent networks into a new set.</summary>
    public CidrSet Build()
    {
        if (Count == 0)
            return CidrSet.Empty;
        var (v4Starts, v4Ends) = Merge(_v4, uint.MaxValue);
        var (v6Starts, v6Ends) = Merge(_v6, UInt128.MaxValue);
        return new CidrSet(v4Starts, v4Ends, v6Starts, v6Ends, Count);
    }

    private static (T[] Starts, T[] Ends) Merge<T>(List<(T Start, T End)> ranges, T max)
        where T : struct, IComparable<T>, System.Numerics.IIncrementOperators<T>
    {
        var sorted = ranges.ToArray();
        Array.Sort(sorted, static (a, b) => a.Start.CompareTo(b.Start));
        var starts = new List<T>(sorted.Length);
        var ends = new List<T>(sorted.Length);
        foreach (var (start, end) in sorted)
        {
            if (ends.Count > 0)
            {
                var last = ends[^1];
                // Adjacent (last + 1 == start) or overlapping ranges merge; last == max cannot be incremented.
                if (last.CompareTo(max) == 0 || start.CompareTo(Next(last)) <= 0)
                {
                    if (end.CompareTo(last) > 0)
                        ends[^1] = end;
                    continue;
                }
            }
            starts.Add(start);
            ends.Add(end);
        }
        return (starts.ToArray(), ends.ToArray());
    }

    private static T Next<T>(T value)
        where T : System.Numerics.IIncrementOperators<T> => ++value;
}
