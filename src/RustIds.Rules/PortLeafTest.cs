namespace RustIds.Rules;

/// <summary>Leaf test of port fields: the port lies in the node's inclusive range.</summary>
internal readonly struct PortLeafTest : ISpecLeafTest<int>
{
    public static SpecNodeKind LeafKind => SpecNodeKind.Range;

    public static bool Test(in SpecNode node, int value) => value >= node.Low && value <= node.High;
}
