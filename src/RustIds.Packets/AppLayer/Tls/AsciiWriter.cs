using System.Buffers.Text;

namespace RustIds.Packets.AppLayer.Tls;

/// <summary>Appends ASCII/UTF-8 text to a fixed span; stops writing and sets <see cref="Overflowed"/> when full.</summary>
internal ref struct AsciiWriter
{
    private readonly Span<byte> _buffer;

    public AsciiWriter(Span<byte> buffer)
    {
        _buffer = buffer;
        Length = 0;
        Overflowed = false;
    }

    public int Length { get; private set; }

    public bool Overflowed { get; private set; }

    public readonly ReadOnlySpan<byte> Written => _buffer[..Length];

    private static ReadOnlySpan<byte> LowerHex => "0123456789abcdef"u8;

    private static ReadOnlySpan<byte> UpperHex => "0123456789ABCDEF"u8;

    public void Write(byte value)
    {
        if (Length < _buffer.Length)
            _buffer[Length++] = value;
        else
            Overflowed = true;
    }

    public void Write(scoped ReadOnlySpan<byte> value)
    {
        var room = _buffer.Length - Length;
        if (value.Length > room)
        {
            value[..room].CopyTo(_buffer[Length..]);
            Length = _buffer.Length;
            Overflowed = true;
            return;
        }
        value.CopyTo(_buffer[Length..]);
        Length += value.Length;
    }

    public void WriteDecimal(ulong value)
    {
        if (Utf8Formatter.TryFormat(value, _buffer[Length..], out var written))
            Length += written;
        else
            Overflowed = true;
    }

    public void WriteHexByte(byte value, bool upper)
    {
        var digits = upper ? UpperHex : LowerHex;
        Write(digits[value >> 4]);
        Write(digits[value & 0xF]);
    }

    /// <summary>Four lower-case hex digits, as JA4 writes code points.</summary>
    public void WriteHex4(ushort value)
    {
        WriteHexByte((byte)(value >> 8), upper: false);
        WriteHexByte((byte)value, upper: false);
    }

    /// <summary>Lower-case hex of every byte in <paramref name="bytes"/>.</summary>
    public void WriteHex(scoped ReadOnlySpan<byte> bytes, bool upper)
    {
        foreach (var b in bytes)
            WriteHexByte(b, upper);
    }
}
