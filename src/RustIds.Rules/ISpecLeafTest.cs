namespace RustIds.Rules;

/// <summary>The leaf test of a <see cref="SpecTree"/>: which node kind is a leaf and whether a value satisfies it.</summary>
/// <remarks>
/// Implemented by structs and passed as a generic argument so the JIT specialises and inlines the
/// test into the tree walk (Kestrel's <c>where THandler : struct</c> pattern); nothing is boxed.
/// </remarks>
/// <typeparam name="TValue">The value tested: an address or a port.</typeparam>
internal interface ISpecLeafTest<TValue>
{
    /// <summary>The node kind this test evaluates; every other non-<c>any</c> kind is walked as a list.</summary>
    static abstract SpecNodeKind LeafKind { get; }

    /// <summary>Whether <paramref name="value"/> satisfies the leaf <paramref name="node"/>.</summary>
    static abstract bool Test(in SpecNode node, TValue value);
}
