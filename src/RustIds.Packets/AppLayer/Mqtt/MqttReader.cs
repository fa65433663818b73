using System.Buffers.Binary;

namespace RustIds.Packets.AppLayer.Mqtt;

/// <summary>Cursor over one message body; every read checks the length first and fails instead of throwing.</summary>
internal ref struct MqttReader
{
    private ReadOnlySpan<byte> _rest;

    public MqttReader(ReadOnlySpan<byte> body) => _rest = body;

    public readonly ReadOnlySpan<byte> Rest => _rest;

    public readonly bool IsEmpty => _rest.IsEmpty;

    public bool TryReadByte(out byte value)
    {
        if (_rest.IsEmpty)
        {
            value = 0;
            return false;
        }
        value = _rest[0];
        _rest = _rest[1..];
        return true;
    }

    public bool TryReadUInt16(out ushort value)
    {
        if (!BinaryPrimitives.TryReadUInt16BigEndian(_rest, out value))
            return false;
        _rest = _rest[2..];
        return true;
    }

    /// <summary>A two-byte length followed by that many bytes (UTF-8 string or binary data, MQTT 3.1.1 §1.5.3).</summary>
    public bool TryReadLengthPrefixed(out ReadOnlySpan<byte> value)
    {
        value = default;
        if (!BinaryPrimitives.TryReadUInt16BigEndian(_rest, out var length) || _rest.Length - 2 < length)
            return false;
        value = _rest.Slice(2, length);
        _rest = _rest[(2 + length)..];
        return true;
    }

    /// <summary>Variable byte integer of at most four bytes (MQTT 5.0 §1.5.5).</summary>
    public bool TryReadVarInt(out int value)
    {
        value = 0;
        for (var i = 0; i < 4; i++)
        {
            if (i >= _rest.Length)
                return false;
            var b = _rest[i];
            value |= (b & 0x7F) << (7 * i);
            if ((b & 0x80) == 0)
            {
                _rest = _rest[(i + 1)..];
                return true;
            }
        }
        return false;
    }

    /// <summary>Skips an MQTT 5.0 property block: a variable byte integer length and that many bytes.</summary>
    public bool TrySkipProperties()
    {
        if (!TryReadVarInt(out var length) || length > _rest.Length)
            return false;
        _rest = _rest[length..];
        return true;
    }
}
