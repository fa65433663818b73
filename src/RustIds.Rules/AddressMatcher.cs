using RustIds.Packets;

namespace RustIds.Rules;

/// <summary>A compiled address field (<c>any</c>, CIDRs, variables, lists, negation); allocation-free to evaluate.</summary>
/// <remarks>
/// A list matches when it has no positive items or one of them matches, and none of its
/// negated items match (Snort/Suricata semantics). Immutable and thread-safe.
/// </remarks>
public sealed class AddressMatcher
{
    private readonly SpecTree _tree;

    internal AddressMatcher(string text, SpecNode[] nodes, int[] children, int root)
        : this(text, new SpecTree(nodes, children, root))
    {
    }

    private AddressMatcher(string text, SpecTree tree)
    {
        Text = text;
        _tree = tree;
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
    public bool Matches(IpAddr address) => _tree.Matches<IpAddr, AddressLeafTest>(address);

    /// <inheritdoc/>
    public override string ToString() => Text;
}
