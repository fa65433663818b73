using RustIds.Packets;

namespace RustIds.Rules.Evaluation;

/// <summary>
/// Rules without a fast pattern whose source (or destination) is a plain address set, indexed by address: a packet
/// looks up its address once and gets the few rules it can match, instead of testing hundreds of IP-only rules
/// (ET's CI Army, Tor and compromised-host lists). Suricata keeps such rules in a radix tree for the same reason.
/// </summary>
/// <remarks>The address space is cut into elementary intervals, each with the rules whose set covers it. Immutable.</remarks>
internal sealed class AddressIndex
{
    private static readonly int[] None = [];

    private readonly UInt128[] _starts;
    private readonly int[][] _rules;
    private readonly int _v6From;

    public AddressIndex(IEnumerable<(int Rule, IpAddr Network, int Length)> entries)
    {
        var v4 = new List<(UInt128 Start, UInt128 End, int Rule)>();
        var v6 = new List<(UInt128 Start, UInt128 End, int Rule)>();
        foreach (var (rule, network, length) in entries)
        {
            var (start, end) = PrefixRange.Bounds(network, length);
            (network.IsV6 ? v6 : v4).Add((start, end, rule));
        }
        var starts = new List<UInt128>();
        var rules = new List<int[]>();
        Build(v4, starts, rules);
        _v6From = starts.Count;
        Build(v6, starts, rules);
        _starts = [.. starts];
        _rules = [.. rules];
        RuleCount = v4.Concat(v6).Select(e => e.Rule).Distinct().Count();
    }

    /// <summary>Rules indexed.</summary>
    public int RuleCount { get; }

    /// <summary>The rules whose address set holds <paramref name="address"/>, ascending.</summary>
    public ReadOnlySpan<int> Lookup(IpAddr address)
    {
        var (from, to) = address.IsV6 ? (_v6From, _starts.Length) : (0, _v6From);
        if (from == to)
            return default;
        var index = Array.BinarySearch(_starts, from, to - from, PrefixRange.Key(address));
        if (index < 0)
            index = ~index - 1;
        return index < from ? default : _rules[index];
    }

    private static void Build(List<(UInt128 Start, UInt128 End, int Rule)> ranges, List<UInt128> starts, List<int[]> rules)
    {
        if (ranges.Count == 0)
            return;
        // Boundaries: every start and every end + 1; between two boundaries the covering rules do not change.
        var bounds = new SortedSet<UInt128>();
        foreach (var (start, end, _) in ranges)
        {
            bounds.Add(start);
            if (end != UInt128.MaxValue)
                bounds.Add(end + 1);
        }
        var byStart = ranges.OrderBy(r => r.Start).ToList();
        var active = new List<(UInt128 End, int Rule)>();
        var next = 0;
        var shared = new Dictionary<string, int[]>(StringComparer.Ordinal);
        foreach (var bound in bounds)
        {
            active.RemoveAll(a => a.End < bound);
            while (next < byStart.Count && byStart[next].Start <= bound)
            {
                active.Add((byStart[next].End, byStart[next].Rule));
                next++;
            }
            var set = active.Count == 0 ? None : active.Select(a => a.Rule).Distinct().Order().ToArray();
            if (set.Length > 0)
            {
                var key = string.Join(',', set);
                if (!shared.TryGetValue(key, out var existing))
                    shared[key] = existing = set;
                set = existing;
            }
            starts.Add(bound);
            rules.Add(set);
        }
    }
}
