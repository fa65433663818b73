using RustIds.Packets;

namespace RustIds.Rules;

/// <summary>A set of IPv4 and IPv6 prefixes as sorted, merged ranges: membership by binary search.</summary>
/// <remarks>Built once per rule header; immutable and thread-safe. Serves address lists of hundreds or thousands of entries (ET's CI Army, compromised-host and DROP rules) in O(log n).</remarks>
internal sealed class PrefixRangeSet
{
    private readonly UInt128[] _starts;
    private readonly UInt128[] _ends;
    private readonly int _v6From;

    public PrefixRangeSet(IEnumerable<(IpAddr Network, int Length)> prefixes)
    {
        var ranges = new List<(UInt128 Start, UInt128 End, bool V6)>();
        foreach (var (network, length) in prefixes)
        {
            var (start, end) = PrefixRange.Bounds(network, length);
            ranges.Add((start, end, network.IsV6));
        }
        var merged = new List<(UInt128 Start, UInt128 End, bool V6)>();
        foreach (var range in ranges.OrderBy(r => r.V6).ThenBy(r => r.Start))
        {
            if (merged.Count > 0 && merged[^1].V6 == range.V6 && (merged[^1].End == UInt128.MaxValue || range.Start <= merged[^1].End + 1))
            {
                var last = merged[^1];
                merged[^1] = (last.Start, range.End > last.End ? range.End : last.End, last.V6);
                continue;
            }
            merged.Add(range);
        }
        _starts = [.. merged.Select(r => r.Start)];
        _ends = [.. merged.Select(r => r.End)];
        _v6From = merged.FindIndex(r => r.V6) is var first and >= 0 ? first : merged.Count;
    }

    public int Count => _starts.Length;

    public bool Contains(IpAddr address)
    {
        var (from, to) = address.IsV6 ? (_v6From, _starts.Length) : (0, _v6From);
        var key = PrefixRange.Key(address);
        // The last range starting at or before the address is the only one that can hold it.
        var index = Array.BinarySearch(_starts, from, to - from, key);
        if (index < 0)
            index = ~index - 1;
        return index >= from && key <= _ends[index];
    }
}
