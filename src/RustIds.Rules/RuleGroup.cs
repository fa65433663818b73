namespace RustIds.Rules;

/// <summary>The rules one packet protocol can match, split by port so a packet visits only candidate rules.</summary>
/// <remarks>
/// A rule whose destination port field admits at most <see cref="MaxBucketPorts"/> ports sits in the
/// destination bucket of each; else, when its source port field is that narrow, in source buckets;
/// everything else (<c>any</c>, negations, wide ranges, <c>&lt;&gt;</c> rules, non-TCP/UDP groups) is in
/// <see cref="AnyPort"/>. A rule can only match a packet whose port lies in its bucket, so merging the
/// three lists in index order visits a superset of the matches, in rule order.
/// </remarks>
internal sealed class RuleGroup
{
    /// <summary>Wider port fields go to the any-port list rather than being copied into many buckets.</summary>
    private const int MaxBucketPorts = 64;

    private readonly int[] _anyPort;
    private readonly PortBuckets _byDestination;
    private readonly PortBuckets _bySource;

    /// <summary>Splits <paramref name="indices"/> (ascending) of <paramref name="rules"/>; ports are used only when <paramref name="hasPorts"/>.</summary>
    public RuleGroup(CompiledRule[] rules, List<int> indices, bool hasPorts)
    {
        var anyPort = new List<int>();
        var byDestination = new Dictionary<int, List<int>>();
        var bySource = new Dictionary<int, List<int>>();
        var ports = new List<int>();
        foreach (var index in indices)
        {
            var rule = rules[index].Rule;
            ports.Clear();
            if (hasPorts && !rule.Bidirectional && rule.DestinationPorts.TryListPorts(MaxBucketPorts, ports))
                AddAll(byDestination, ports, index);
            else if (hasPorts && !rule.Bidirectional && rule.SourcePorts.TryListPorts(MaxBucketPorts, ports))
                AddAll(bySource, ports, index);
            else
                anyPort.Add(index);
        }
        _anyPort = [.. anyPort];
        _byDestination = new PortBuckets(byDestination);
        _bySource = new PortBuckets(bySource);
    }

    /// <summary>Rules that must be tried whatever the packet's ports, in rule order.</summary>
    public ReadOnlySpan<int> AnyPort => _anyPort;

    /// <summary>Rules whose destination port field admits <paramref name="port"/>, in rule order.</summary>
    public ReadOnlySpan<int> ForDestination(int port) => _byDestination.For(port);

    /// <summary>Rules bucketed by source port that admit <paramref name="port"/>, in rule order.</summary>
    public ReadOnlySpan<int> ForSource(int port) => _bySource.For(port);

    private static void AddAll(Dictionary<int, List<int>> buckets, List<int> ports, int index)
    {
        foreach (var port in ports)
        {
            if (!buckets.TryGetValue(port, out var list))
                buckets[port] = list = [];
            list.Add(index);
        }
    }
}
