namespace RustIds.Rules;

/// <summary>A compiled port field (<c>any</c>, ports, ranges, variables, lists, negation); allocation-free to evaluate.</summary>
/// <remarks>
/// A list matches when it has no positive items or one of them matches, and none of its
/// negated items match (Snort/Suricata semantics). Immutable and thread-safe.
/// </remarks>
public sealed class PortMatcher
{
    private readonly SpecTree _tree;

    internal PortMatcher(string text, SpecNode[] nodes, int[] children, int root)
        : this(text, new SpecTree(nodes, children, root))
    {
    }

    private PortMatcher(string text, SpecTree tree)
    {
        Text = text;
        _tree = tree;
    }

    /// <summary>Matches every port.</summary>
    public static PortMatcher Any { get; } = new("any", SpecTree.Any);

    /// <summary>The field as written in the rule.</summary>
    public string Text { get; }

    /// <summary>True for a plain <c>any</c>.</summary>
    public bool IsAny => _tree.IsAny;

    /// <summary>Parses a port field; returns false with a message on error.</summary>
    public static bool TryParse(string text, RuleVariables variables, out PortMatcher? matcher, out string? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(variables);
        var parser = SpecParser.ParsePorts(text, variables, out matcher);
        error = parser.Error;
        return matcher is not null;
    }

    /// <summary>Whether <paramref name="port"/> satisfies the field.</summary>
    public bool Matches(int port) => _tree.Matches<int, PortLeafTest>(port);

    /// <summary>
    /// Lists the ports that satisfy the field when there are at most <paramref name="maxPorts"/> of them, for
    /// compile-time port buckets; returns false (and leaves <paramref name="ports"/> untouched) otherwise.
    /// </summary>
    /// <remarks>
    /// Exact for any expression: the result of <see cref="Matches"/> can only change at a range bound, so
    /// evaluating it once per interval between bounds covers all 65 536 ports.
    /// </remarks>
    internal bool TryListPorts(int maxPorts, List<int> ports)
    {
        if (IsAny)
            return false;
        var bounds = new SortedSet<int> { 0, 65536 };
        foreach (ref readonly var node in _tree.Nodes)
        {
            if (node.Kind != SpecNodeKind.Range)
                continue;
            bounds.Add(Math.Clamp(node.Low, 0, 65536));
            bounds.Add(Math.Clamp(node.High + 1, 0, 65536));
        }
        var found = new List<int>();
        var start = -1;
        foreach (var bound in bounds)
        {
            if (start >= 0 && Matches(start))
            {
                if (found.Count + (bound - start) > maxPorts)
                    return false;
                for (var port = start; port < bound; port++)
                    found.Add(port);
            }
            start = bound;
        }
        ports.AddRange(found);
        return true;
    }

    /// <inheritdoc/>
    public override string ToString() => Text;
}
