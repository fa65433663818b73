
namespace RustIds.Rules;

/// <summary>A compiled port field (<c>any</c>, ports, ranges, variables, lists, negation); allocation-free to evaluate.</summary>
/// <remarks>
/// A list matches when it has no positive items or one of them matches, and none of its
/// negated items match (Snort/Suricata semantics). Immutable and thread-safe.
/// </remarks>
public sealed class PortMatcher
{
    private readonly SpecNode[] _nodes;
    private readonly int[] _children;
    private readonly int _root;

    internal PortMatcher(string text, SpecNode[] nodes, int[] children, int root)
    {
        Text = text;
        _nodes = nodes;
        _children = children;
        _root = root;
        IsAny = nodes[root].Kind == SpecNodeKind.Any;
    }

    /// <summary>Matches every port.</summary>
    public static PortMatcher Any { get; } = new("any", [new SpecNode { Kind = SpecNodeKind.Any }], [], 0);

    /// <summary>The field as written in the rule.</summary>
    public string Text { get; }

    /// <summary>True for a plain <c>any</c>.</summary>
    public bool IsAny { get; }

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
    public bool Matches(int port) => IsAny || Evaluate(_root, port) != _nodes[_root].Negated;

    private bool Evaluate(int index, int port)
    {
        ref readonly var node = ref _nodes[index];
        switch (node.Kind)
        {
            case SpecNodeKind.Any:
                return true;
            case SpecNodeKind.Range:
                return port >= node.Low && port <= node.High;
            default:
                var hasPositive = false;
                var anyPositive = false;
                for (var i = node.First; i < node.First + node.Count; i++)
                {
                    var child = _children[i];
                    var hit = Evaluate(child, port);
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

    /// <inheritdoc/>
    public override string ToString() => Text;
}
