using RustIds.Packets;

namespace RustIds.Rules;

/// <summary>A compiled address field (<c>any</c>, CIDRs, variables, lists, negation); allocation-free to evaluate.</summary>
/// <remarks>
/// A list matches when it has no positive items or one of them matches, and none of its
/// negated items match (Snort/Suricata semantics). Immutable and thread-safe.
/// </remarks>
public sealed class AddressMatcher
{
    /// <summary>Lists shorter than this are walked; longer ones are searched as range sets.</summary>
    private const int RangeSetThreshold = 8;

    private readonly SpecTree _tree;
    private readonly PrefixRangeSet? _positive;
    private readonly PrefixRangeSet? _negated;
    private readonly bool _flat;

    internal AddressMatcher(string text, SpecNode[] nodes, int[] children, int root)
        : this(text, new SpecTree(nodes, children, root))
    {
    }

    private AddressMatcher(string text, SpecTree tree)
    {
        Text = text;
        _tree = tree;
        List<(IpAddr, int)> positive = [];
        List<(IpAddr, int)> negated = [];
        var flattens = !tree.IsAny && tree.TryFlatten(positive, negated);
        if (flattens && negated.Count == 0 && !tree.RootNegated && positive.Count > 0)
            PositivePrefixes = positive;
        else if (!tree.IsAny && !tree.RootNegated && tree.TrySinglePrefix(out var single))
            PositivePrefixes = [single];
        if (flattens && positive.Count + negated.Count >= RangeSetThreshold)
        {
            _flat = true;
            _positive = positive.Count == 0 ? null : new PrefixRangeSet(positive);
            _negated = negated.Count == 0 ? null : new PrefixRangeSet(negated);
        }
    }

    /// <summary>Matches every address.</summary>
    public static AddressMatcher Any { get; } = new("any", SpecTree.Any);

    /// <summary>The field as written in the rule.</summary>
    public string Text { get; }

    /// <summary>True for a plain <c>any</c>.</summary>
    public bool IsAny => _tree.IsAny;

    /// <summary>Parses an address field; returns false with a message on error.</summary>
    public static bool TryParse(string text, RuleVariables variables, out AddressMatcher? matcher, out string? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(variables);
        var parser = SpecParser.ParseAddress(text, variables, out matcher);
        error = parser.Error;
        return matcher is not null;
    }

    /// <summary>Whether <paramref name="address"/> satisfies the field.</summary>
    public bool Matches(IpAddr address)
    {
        if (!_flat)
            return _tree.Matches<IpAddr, AddressLeafTest>(address);
        var hit = (_positive is null || _positive.Contains(address)) && !(_negated?.Contains(address) ?? false);
        return hit != _tree.RootNegated;
    }

    /// <summary>When the field is a plain set of prefixes (no negation): those prefixes, for indexing rules by address; else null.</summary>
    internal IReadOnlyList<(IpAddr Network, int Length)>? PositivePrefixes { get; }

    /// <summary>The tree walk alone, without the range sets: the oracle they are tested against.</summary>
    internal bool MatchesByWalk(IpAddr address) => _tree.Matches<IpAddr, AddressLeafTest>(address);

    /// <summary>True when the field is searched as range sets.</summary>
    internal bool IsFlat => _flat;

    /// <inheritdoc/>
    public override string ToString() => Text;
}
