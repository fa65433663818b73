namespace RustIds.Packets.AppLayer.Coap;

/// <summary>A fixed-capacity byte buffer that values are appended to and cut at its capacity.</summary>
internal sealed class CoapText
{
    private readonly byte[] _data;
    private int _length;

    public CoapText(int capacity) => _data = new byte[capacity];

    public ReadOnlySpan<byte> Value => _data.AsSpan(0, _length);

    public void Clear() => _length = 0;

    /// <summary>Appends an optional separator and a value; false when something had to be cut.</summary>
    public bool Append(byte separator, bool withSeparator, ReadOnlySpan<byte> value)
    {
        var complete = true;
        if (withSeparator)
        {
            if (_length == _data.Length)
                return false;
            _data[_length++] = separator;
        }
        var room = _data.Length - _length;
        if (value.Length > room)
        {
            value = value[..room];
            complete = false;
        }
        value.CopyTo(_data.AsSpan(_length));
        _length += value.Length;
        return complete;
    }
}
