namespace RustIds.Packets.AppLayer.Common.Tests;

/// <summary>Seeded mutations of valid inputs: truncation, bit flips, extreme bytes, repeated and inserted chunks.</summary>
internal sealed class Mutator
{
    private static readonly byte[] Extremes = [0x00, 0x01, 0x7F, 0x80, 0xFE, 0xFF, 0x0D, 0x0A, 0x2D];

    private readonly Random _random;
    private readonly byte[] _buffer = new byte[1 << 16];

    public Mutator(int seed) => _random = new Random(seed);

    public Random Random => _random;

    /// <summary>One mutated copy of <paramref name="seed"/>, valid until the next call.</summary>
    public ReadOnlySpan<byte> Mutate(ReadOnlySpan<byte> seed)
    {
        var length = Math.Min(seed.Length, _buffer.Length / 4);
        seed[..length].CopyTo(_buffer);
        var rounds = _random.Next(1, 5);
        for (var round = 0; round < rounds && length > 0; round++)
        {
            var position = _random.Next(length);
            switch (_random.Next(7))
            {
                case 0:
                    length = _random.Next(length);
                    break;
                case 1:
                    _buffer[position] ^= (byte)(1 << _random.Next(8));
                    break;
                case 2:
                    // Length fields and markers set out of range.
                    _buffer[position] = Extremes[_random.Next(Extremes.Length)];
                    break;
                case 3:
                    _buffer[position] = (byte)_random.Next(256);
                    break;
                case 4:
                    length = Repeat(length, position);
                    break;
                case 5:
                    length = Insert(length, position);
                    break;
                default:
                    _buffer[position] = (byte)(_buffer[position] + _random.Next(-3, 4));
                    break;
            }
        }
        return _buffer.AsSpan(0, length);
    }

    /// <summary>Copies a chunk several times after itself (loops in lists, repeated headers).</summary>
    private int Repeat(int length, int position)
    {
        var chunk = Math.Min(_random.Next(1, 32), length - position);
        var times = _random.Next(1, 8);
        var room = (_buffer.Length / 2) - length;
        var added = Math.Min(chunk * times, room);
        Array.Copy(_buffer, position, _buffer, position + added, length - position);
        for (var i = 0; i < added; i++)
            _buffer[position + i] = _buffer[position + added + (i % chunk)];
        return length + added;
    }

    private int Insert(int length, int position)
    {
        var count = Math.Min(_random.Next(1, 16), (_buffer.Length / 2) - length);
        Array.Copy(_buffer, position, _buffer, position + count, length - position);
        for (var i = 0; i < count; i++)
            _buffer[position + i] = (byte)_random.Next(256);
        return length + count;
    }
}
