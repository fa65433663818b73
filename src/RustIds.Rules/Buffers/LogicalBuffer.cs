namespace RustIds.Rules.Buffers;

/// <summary>A buffer as a keyword names it, before the rule's direction picks the request or response side.</summary>
/// <param name="Request">The buffer for a to-server rule (or the only one).</param>
/// <param name="Response">The buffer for a to-client rule; equal to <paramref name="Request"/> when one-sided.</param>
/// <param name="Name">The canonical Suricata name, for messages and the keyword table.</param>
/// <param name="ResponseByDefault">A rule without a direction inspects the response side (<c>file.data</c>).</param>
public readonly record struct LogicalBuffer(BufferKind Request, BufferKind Response, string Name, bool ResponseByDefault = false)
{
    /// <summary>One-sided buffer.</summary>
    public LogicalBuffer(BufferKind kind, string name)
        : this(kind, kind, name)
    {
    }

    /// <summary>Exists on both sides of a transaction.</summary>
    public bool IsTwoSided => Request != Response;

    /// <summary>The concrete buffer given the rule's <c>flow</c> direction (null when it names none).</summary>
    public BufferKind Resolve(bool? toClient) => (toClient ?? ResponseByDefault) ? Response : Request;
}
