using RustIds.Packets;

namespace RustIds.Rules;

/// <summary>Leaf test of address fields: the address lies in the node's prefix.</summary>
internal readonly struct AddressLeafTest : ISpecLeafTest<IpAddr>
{
    public static SpecNodeKind LeafKind => SpecNodeKind.Prefix;

    public static bool Test(in SpecNode node, IpAddr value) => value.IsInPrefix(node.Network, node.Low);
}
