namespace RustIds.Packets.AppLayer.Coap;

/// <summary>Walks the options of a CoAP datagram (RFC 7252 §3.1), shared by the parser and the probe.</summary>
internal ref struct CoapOptionReader
{
    private readonly ReadOnlySpan<byte> _datagram;
    private int _position;

    /// <summary>Starts at <paramref name="start"/>, the first byte after the token.</summary>
    public CoapOptionReader(ReadOnlySpan<byte> datagram, int start)
    {
        _datagram = datagram;
        _position = start;
        PayloadOffset = -1;
    }

    /// <summary>Number of the option just read.</summary>
    public int Number { get; private set; }

    /// <summary>Offset of the current option's value in the datagram.</summary>
    public int ValueOffset { get; private set; }

    /// <summary>Length of the current option's value.</summary>
    public int ValueLength { get; private set; }

    /// <summary>Offset of the payload after the end of options, or -1 when there is none.</summary>
    public int PayloadOffset { get; private set; }

    /// <summary>Value bytes of the current option.</summary>
    public readonly ReadOnlySpan<byte> Value => _datagram.Slice(ValueOffset, ValueLength);

    /// <summary>Reads the next option; <paramref name="hasOption"/> is false at the end of options.</summary>
    public CoapParseStatus Next(out bool hasOption)
    {
        hasOption = false;
        if (_position >= _datagram.Length)
            return CoapParseStatus.Ok;
        var first = _datagram[_position++];
        if (first == 0xFF)
        {
            if (_position >= _datagram.Length)
                return CoapParseStatus.EmptyPayload;
            PayloadOffset = _position;
            _position = _datagram.Length;
            return CoapParseStatus.Ok;
        }
        var delta = ReadExtended(first >> 4);
        var length = ReadExtended(first & 0x0F);
        if (delta == -1 || length == -1)
            return CoapParseStatus.ReservedOptionNibble;
        if (delta == -2 || length == -2)
            return CoapParseStatus.Truncated;
        if (Number + delta > ushort.MaxValue)
            return CoapParseStatus.OptionNumberTooLarge;
        if (length > _datagram.Length - _position)
            return CoapParseStatus.Truncated;
        Number += delta;
        ValueOffset = _position;
        ValueLength = length;
        _position += length;
        hasOption = true;
        return CoapParseStatus.Ok;
    }

    /// <summary>Decodes a delta or length nibble with its extension bytes; -1 for the reserved 15, -2 when cut off.</summary>
    private int ReadExtended(int nibble)
    {
        switch (nibble)
        {
            case < 13:
                return nibble;
            case 13:
                if (_position >= _datagram.Length)
                    return -2;
                return _datagram[_position++] + 13;
            case 14:
                if (_position + 1 >= _datagram.Length)
                    return -2;
                var value = (_datagram[_position] << 8) + _datagram[_position + 1] + 269;
                _position += 2;
                return value;
            default:
                return -1;
        }
    }
}
