namespace RustIds.Rules;

/// <summary>A compiled address or port expression: a flat node array walked without allocating.</summary>
/// <remarks>
/// A list matches when it has no positive items or one of them matches, and none of its negated
/// items match (Snort/Suricata semantics). The leaf test is a generic struct parameter so the JIT
/// specialises the walk per field type and inlines the test. Immutable and thread-safe.
/// </remarks>
internal readonly struct SpecTree
{
    private readonly SpecNode[] _nodes;
    private readonly int[] _children;
    private readonly int _root;

    public SpecTree(SpecNode[] nodes, int[] children, int root)
    {
        _nodes = nodes;
        _children = children;
        _root = root;
        IsAny = nodes[root].Kind == SpecNodeKind.Any;
    }

    /// <summary>A tree of a single <c>any</c> node.</summary>
    public static SpecTree Any => new([new SpecNode { Kind = SpecNodeKind.Any }], [], 0);

    /// <summary>True when the root is a plain <c>any</c>.</summary>
    public bool IsAny { get; }

    /// <summary>All nodes, for compile-time analysis.</summary>
    public ReadOnlySpan<SpecNode> Nodes => _nodes;

    /// <summary>The root's negation.</summary>
    public bool RootNegated => _nodes[_root].Negated;

    /// <summary>
    /// For a root list whose items are prefixes (negated or not) and positive sub-lists of positive prefixes: the
    /// positive and the negated prefixes, which then decide the match as one set each. False for any other shape.
    /// </summary>
    public bool TryFlatten(List<(Packets.IpAddr Network, int Length)> positive, List<(Packets.IpAddr Network, int Length)> negated)
    {
        ref readonly var root = ref _nodes[_root];
        if (root.Kind != SpecNodeKind.List)
            return false;
        for (var i = root.First; i < root.First + root.Count; i++)
        {
            var child = _children[i];
            ref readonly var node = ref _nodes[child];
            if (node.Kind == SpecNodeKind.Prefix)
                (node.Negated ? negated : positive).Add((node.Network, node.Low));
            else if (node.Kind != SpecNodeKind.List || node.Negated || !CollectPositive(child, positive))
                return false;
        }
        return true;
    }

    /// <summary>A root that is a single prefix (such as <c>10.0.0.0/8</c>).</summary>
    public bool TrySinglePrefix(out (Packets.IpAddr Network, int Length) prefix)
    {
        ref readonly var root = ref _nodes[_root];
        prefix = (root.Network, root.Low);
        return root.Kind == SpecNodeKind.Prefix;
    }

    private bool CollectPositive(int index, List<(Packets.IpAddr Network, int Length)> positive)
    {
        ref readonly var list = ref _nodes[index];
        for (var i = list.First; i < list.First + list.Count; i++)
        {
            var child = _children[i];
            ref readonly var node = ref _nodes[child];
            if (node.Negated)
                return false;
            if (node.Kind == SpecNodeKind.Prefix)
                positive.Add((node.Network, node.Low));
            else if (node.Kind != SpecNodeKind.List || !CollectPositive(child, positive))
                return false;
        }
        return true;
    }

    /// <summary>Whether <paramref name="value"/> satisfies the expression.</summary>
    public bool Matches<TValue, TLeaf>(TValue value)
        where TLeaf : struct, ISpecLeafTest<TValue>
        => IsAny || Evaluate<TValue, TLeaf>(_root, value) != _nodes[_root].Negated;

    private bool Evaluate<TValue, TLeaf>(int index, TValue value)
        where TLeaf : struct, ISpecLeafTest<TValue>
    {
        ref readonly var node = ref _nodes[index];
        if (node.Kind == SpecNodeKind.Any)
            return true;
        if (node.Kind == TLeaf.LeafKind)
            return TLeaf.Test(node, value);
        var hasPositive = false;
        var anyPositive = false;
        for (var i = node.First; i < node.First + node.Count; i++)
        {
            var child = _children[i];
            var hit = Evaluate<TValue, TLeaf>(child, value);
            if (_nodes[child].Negated)
            {
                if (hit)
                    return false;
            }
            else
            {
                hasPositive = true;
                anyPositive |= hit;
            }
        }
        return !hasPositive || anyPositive;
    }
}
