using RustIds.Packets;

namespace RustIds.Rules;

/// <summary>One node of a compiled address or port expression, stored in a flat array.</summary>
internal struct SpecNode
{
    public SpecNodeKind Kind;
    public bool Negated;

    /// <summary>Prefix nodes: the network.</summary>
    public IpAddr Network;

    /// <summary>Prefix nodes: prefix length; range nodes: lowest port.</summary>
    public int Low;

    /// <summary>Range nodes: highest port.</summary>
    public int High;

    /// <summary>List nodes: first index into the children array and the count.</summary>
    public int First;
    public int Count;
}
