namespace RustIds.Packets.AppLayer.Http;

/// <summary>One header field of a message: name and value, whitespace trimmed, folded lines joined.</summary>
/// <remarks>Views into the transaction's buffers, valid while the transaction is.</remarks>
public readonly ref struct HttpHeader
{
    /// <summary>Wraps a name and value.</summary>
    public HttpHeader(ReadOnlySpan<byte> name, ReadOnlySpan<byte> value)
    {
        Name = name;
        Value = value;
    }

    /// <summary>The field name as sent (compare case-insensitively).</summary>
    public ReadOnlySpan<byte> Name { get; }

    /// <summary>The field value; duplicates of a name are combined as <c>"first, second"</c>.</summary>
    public ReadOnlySpan<byte> Value { get; }
}
