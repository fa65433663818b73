namespace RustIds.Packets.AppLayer.Dns;

/// <summary>Enumerates the character-strings of TXT rdata (RFC 1035 §3.3.14) without allocating.</summary>
/// <remarks>Stops at the first string whose length octet overruns the rdata (the record is then marked invalid anyway).</remarks>
public ref struct DnsTxtEnumerator
{
    private readonly ReadOnlySpan<byte> _data;
    private int _next;

    internal DnsTxtEnumerator(ReadOnlySpan<byte> data)
    {
        _data = data;
        _next = 0;
        Current = default;
    }

    /// <summary>The current string, without its length octet.</summary>
    public ReadOnlySpan<byte> Current { get; private set; }

    /// <summary>Returns this enumerator, so it can be used in <c>foreach</c>.</summary>
    public readonly DnsTxtEnumerator GetEnumerator() => this;

    /// <summary>Advances to the next string; false at the end of the rdata.</summary>
    public bool MoveNext()
    {
        if (_next >= _data.Length)
            return false;
        var length = _data[_next];
        if (_next + 1 + length > _data.Length)
        {
            _next = _data.Length;
            return false;
        }
        Current = _data.Slice(_next + 1, length);
        _next += 1 + length;
        return true;
    }
}
