using System.Buffers.Binary;
using System.Text;

namespace RustIds.Reputation.GeoIp;

/// <summary>
/// Decodes fields of a MaxMind DB data (or metadata) section. Every read is bounds-checked and
/// every failure is a <see cref="MaxMindDbException"/> naming the file.
/// </summary>
/// <remarks>
/// Offsets are relative to the start of the section, as pointers are (spec "pointer - 1").
/// Recursion (maps, arrays) and pointer hops share one depth budget, so a crafted file cannot
/// overflow the stack or loop; every field consumes at least one byte, so skipping terminates.
/// </remarks>
internal readonly ref struct MaxMindDecoder
{
    /// <summary>Nesting plus pointer hops allowed; real databases use fewer than 10.</summary>
    internal const int MaxDepth = 64;

    private static readonly UTF8Encoding StrictUtf8 = new(false, true);

    private readonly ReadOnlySpan<byte> _data;
    private readonly string _path;

    public MaxMindDecoder(ReadOnlySpan<byte> data, string path)
    {
        _data = data;
        _path = path;
    }

    /// <summary>
    /// Reads the control bytes of the field at <paramref name="offset"/>. For a pointer, <paramref name="size"/>
    /// is the target offset and <paramref name="payload"/> the end of the pointer field.
    /// </summary>
    public MaxMindDataType ReadControl(int offset, out int payload, out int size)
    {
        var control = Byte(offset++);
        var type = (MaxMindDataType)(control >> 5);
        if (type == MaxMindDataType.Pointer)
        {
            var sizeBits = (control >> 3) & 3;
            var value = control & 7;
            var bytes = Slice(offset, sizeBits + 1);
            long target = sizeBits switch
            {
                0 => (value << 8) | bytes[0],
                1 => ((value << 16) | (bytes[0] << 8) | bytes[1]) + 2048L,
                2 => ((value << 24) | (bytes[0] << 16) | (bytes[1] << 8) | bytes[2]) + 526336L,
                _ => BinaryPrimitives.ReadUInt32BigEndian(bytes),
            };
            if (target >= _data.Length)
                throw Corrupt($"pointer at offset {offset - 1} targets {target}, past the end of the section ({_data.Length} bytes)");
            payload = offset + sizeBits + 1;
            size = (int)target;
            return type;
        }
        if (type == MaxMindDataType.Extended)
        {
            var extended = Byte(offset++) + 7;
            if (extended < (int)MaxMindDataType.Int32 || extended > (int)MaxMindDataType.Float)
                throw Corrupt($"unknown extended type {extended} at offset {offset - 2}");
            type = (MaxMindDataType)extended;
        }
        size = control & 0x1f;
        if (size >= 29)
        {
            var extra = size - 28;
            var bytes = Slice(offset, extra);
            size = extra switch
            {
                1 => 29 + bytes[0],
                2 => 285 + ((bytes[0] << 8) | bytes[1]),
                _ => 65821 + ((bytes[0] << 16) | (bytes[1] << 8) | bytes[2]),
            };
            offset += extra;
        }
        payload = offset;
        return type;
    }

    /// <summary>Reads the control of the field at <paramref name="offset"/>, following pointers to the value.</summary>
    public MaxMindDataType ReadResolved(int offset, out int payload, out int size)
    {
        var type = ReadControl(offset, out payload, out size);
        for (var hops = 0; type == MaxMindDataType.Pointer; hops++)
        {
            if (hops >= MaxDepth)
                throw Corrupt($"pointer chain longer than {MaxDepth} at offset {offset}");
            type = ReadControl(size, out payload, out size);
        }
        return type;
    }

    /// <summary>Returns the offset just past the field at <paramref name="offset"/> (pointers are not followed).</summary>
    public int Skip(int offset, int depth = 0)
    {
        if (depth > MaxDepth)
            throw Corrupt($"data nested deeper than {MaxDepth} at offset {offset}");
        var type = ReadControl(offset, out var payload, out var size);
        switch (type)
        {
            case MaxMindDataType.Pointer:
            case MaxMindDataType.Boolean:
                return payload;
            case MaxMindDataType.Map:
            case MaxMindDataType.Array:
                var children = type == MaxMindDataType.Map ? 2L * size : size;
                for (long i = 0; i < children; i++)
                    payload = Skip(payload, depth + 1);
                return payload;
            case MaxMindDataType.DataCacheContainer:
            case MaxMindDataType.EndMarker:
                throw Corrupt($"field type {type} is not valid in data at offset {offset}");
            default:
                CheckSize(type, size, offset);
                Slice(payload, size);
                return payload + size;
        }
    }

    /// <summary>
    /// Looks up <paramref name="key"/> in the map at <paramref name="mapOffset"/> without materialising it;
    /// <paramref name="valueOffset"/> is the value's field (possibly a pointer). False when it is not a map or the key is absent.
    /// </summary>
    public bool TryFindKey(int mapOffset, ReadOnlySpan<byte> key, out int valueOffset)
    {
        var type = ReadResolved(mapOffset, out var offset, out var size);
        if (type == MaxMindDataType.Map)
        {
            for (var i = 0; i < size; i++)
            {
                var keyType = ReadResolved(offset, out var keyPayload, out var keyLength);
                if (keyType != MaxMindDataType.Utf8String)
                    throw Corrupt($"map key at offset {offset} has type {keyType}, not a string");
                var value = Skip(offset);
                if (Slice(keyPayload, keyLength).SequenceEqual(key))
                {
                    valueOffset = value;
                    return true;
                }
                offset = Skip(value);
            }
        }
        valueOffset = -1;
        return false;
    }

    /// <summary>Reads the UTF-8 bytes of the string at <paramref name="offset"/> (following pointers).</summary>
    public bool TryReadUtf8(int offset, out ReadOnlySpan<byte> utf8)
    {
        if (ReadResolved(offset, out var payload, out var size) == MaxMindDataType.Utf8String)
        {
            utf8 = Slice(payload, size);
            return true;
        }
        utf8 = default;
        return false;
    }

    /// <summary>Reads an unsigned integer of up to 64 bits at <paramref name="offset"/> (following pointers).</summary>
    public bool TryReadUInt64(int offset, out ulong value)
    {
        var type = ReadResolved(offset, out var payload, out var size);
        if (type is MaxMindDataType.Uint16 or MaxMindDataType.Uint32 or MaxMindDataType.Uint64)
        {
            CheckSize(type, size, offset);
            value = ReadUnsigned(Slice(payload, size));
            return true;
        }
        value = 0;
        return false;
    }

    /// <summary>Decodes the field at <paramref name="offset"/> into .NET objects (allocates).</summary>
    /// <returns>string, double, float, byte[], ushort, uint, int, ulong, UInt128, bool,
    /// <see cref="Dictionary{TKey,TValue}"/> of string to object, or <see cref="List{T}"/> of object.</returns>
    public object? Decode(int offset, out int end, int depth = 0)
    {
        if (depth > MaxDepth)
            throw Corrupt($"data nested deeper than {MaxDepth} at offset {offset}");
        var type = ReadControl(offset, out var payload, out var size);
        if (type == MaxMindDataType.Pointer)
        {
            end = payload;
            return Decode(size, out _, depth + 1);
        }
        switch (type)
        {
            case MaxMindDataType.Map:
                var map = new Dictionary<string, object?>(Math.Min(size, 64), StringComparer.Ordinal);
                for (var i = 0; i < size; i++)
                {
                    if (Decode(payload, out payload, depth + 1) is not string key)
                        throw Corrupt($"map key in the map at offset {offset} is not a string");
                    map[key] = Decode(payload, out payload, depth + 1);
                }
                end = payload;
                return map;
            case MaxMindDataType.Array:
                var list = new List<object?>(Math.Min(size, 64));
                for (var i = 0; i < size; i++)
                    list.Add(Decode(payload, out payload, depth + 1));
                end = payload;
                return list;
            case MaxMindDataType.Boolean:
                if (size > 1)
                    throw Corrupt($"boolean of value {size} at offset {offset}");
                end = payload;
                return size == 1;
            case MaxMindDataType.DataCacheContainer:
            case MaxMindDataType.EndMarker:
                throw Corrupt($"field type {type} is not valid in data at offset {offset}");
        }
        CheckSize(type, size, offset);
        var bytes = Slice(payload, size);
        end = payload + size;
        return type switch
        {
            MaxMindDataType.Utf8String => DecodeString(bytes, offset),
            MaxMindDataType.Double => BinaryPrimitives.ReadDoubleBigEndian(bytes),
            MaxMindDataType.Float => BinaryPrimitives.ReadSingleBigEndian(bytes),
            MaxMindDataType.Bytes => bytes.ToArray(),
            MaxMindDataType.Uint16 => (ushort)ReadUnsigned(bytes),
            MaxMindDataType.Uint32 => (uint)ReadUnsigned(bytes),
            MaxMindDataType.Int32 => (int)(uint)ReadUnsigned(bytes),
            MaxMindDataType.Uint64 => ReadUnsigned(bytes),
            _ => ReadUInt128(bytes),
        };
    }

    /// <summary>Creates the exception for a corruption found at a described place.</summary>
    public MaxMindDbException Corrupt(string detail) => new(_path, "corrupt database: " + detail);

    private string DecodeString(ReadOnlySpan<byte> bytes, int offset)
    {
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException ex)
        {
            throw new MaxMindDbException(_path, $"corrupt database: invalid UTF-8 in the string at offset {offset}", ex);
        }
    }

    private void CheckSize(MaxMindDataType type, int size, int offset)
    {
        var ok = type switch
        {
            MaxMindDataType.Double => size == 8,
            MaxMindDataType.Float => size == 4,
            MaxMindDataType.Uint16 => size <= 2,
            MaxMindDataType.Uint32 or MaxMindDataType.Int32 => size <= 4,
            MaxMindDataType.Uint64 => size <= 8,
            MaxMindDataType.Uint128 => size <= 16,
            _ => true,
        };
        if (!ok)
            throw Corrupt($"{type} of {size} bytes at offset {offset}");
    }

    private static ulong ReadUnsigned(ReadOnlySpan<byte> bytes)
    {
        ulong value = 0;
        foreach (var b in bytes)
            value = (value << 8) | b;
        return value;
    }

    private static UInt128 ReadUInt128(ReadOnlySpan<byte> bytes)
    {
        UInt128 value = 0;
        foreach (var b in bytes)
            value = (value << 8) | b;
        return value;
    }

    private byte Byte(int offset) =>
        (uint)offset < (uint)_data.Length ? _data[offset] : throw Corrupt($"read at offset {offset} past the end of the section ({_data.Length} bytes)");

    private ReadOnlySpan<byte> Slice(int offset, int length)
    {
        if (offset < 0 || length < 0 || (long)offset + length > _data.Length)
            throw Corrupt($"field of {length} bytes at offset {offset} runs past the end of the section ({_data.Length} bytes)");
        return _data.Slice(offset, length);
    }
}
