namespace RustIds.Rules;

/// <summary>Rule indices keyed by one port; built once per compiled rule set, read without allocating.</summary>
internal sealed class PortBuckets
{
    private readonly int[] _ports;
    private readonly int[][] _rules;

    /// <summary>Freezes <paramref name="buckets"/>; each list must already be in rule order.</summary>
    public PortBuckets(Dictionary<int, List<int>> buckets)
    {
        _ports = [.. buckets.Keys.Order()];
        _rules = [.. _ports.Select(p => buckets[p].ToArray())];
    }

    /// <summary>Number of distinct ports with rules.</summary>
    public int PortCount => _ports.Length;

    /// <summary>The rules whose port field lists <paramref name="port"/>, in rule order.</summary>
    public ReadOnlySpan<int> For(int port)
    {
        var at = _ports.AsSpan().BinarySearch(port);
        return at < 0 ? default : _rules[at];
    }
}
