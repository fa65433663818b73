namespace RustIds.Packets.AppLayer.Http;

/// <summary>A growable byte buffer with a hard limit, cleared and reused from message to message.</summary>
/// <remarks>Grows by doubling up to <see cref="Limit"/> and never shrinks, so a reused buffer stops allocating once
/// it has seen the largest message of its flow. Appends past the limit are cut, never thrown.</remarks>
internal sealed class ByteBuffer
{
    private const int MinimumGrowth = 256;

    private byte[] _data;

    public ByteBuffer(int initialCapacity, int limit)
    {
        Limit = limit;
        _data = initialCapacity <= 0 ? [] : new byte[Math.Min(initialCapacity, limit)];
    }

    public int Limit { get; }

    public int Length { get; private set; }

    public ReadOnlySpan<byte> Span => _data.AsSpan(0, Length);

    public void Clear() => Length = 0;

    public ReadOnlySpan<byte> Slice(int offset, int length) => length <= 0 ? default : _data.AsSpan(offset, length);

    public ReadOnlySpan<byte> Slice(Segment segment) => Slice(segment.Offset, segment.Length);

    /// <summary>Makes room for <paramref name="count"/> more bytes; false when that would pass the limit.</summary>
    public bool Reserve(int count)
    {
        long needed = (long)Length + count;
        if (needed > Limit)
        {
            return false;
        }

        if (needed > _data.Length)
        {
            Grow((int)needed);
        }

        return true;
    }

    /// <summary>The free space after <see cref="Length"/>; call <see cref="Reserve"/> first.</summary>
    public Span<byte> Free(int count) => _data.AsSpan(Length, count);

    public void Advance(int count) => Length += count;

    /// <summary>Appends as much of <paramref name="source"/> as fits under the limit; returns the bytes appended.</summary>
    public int Append(ReadOnlySpan<byte> source)
    {
        int take = Math.Min(source.Length, Limit - Length);
        if (take <= 0)
        {
            return 0;
        }

        Reserve(take);

        // source may point into the old array after growth; it stays alive while referenced, so the copy is safe.
        source[..take].CopyTo(_data.AsSpan(Length));
        Length += take;
        return take;
    }

    /// <summary>Appends all of <paramref name="source"/> or nothing.</summary>
    public bool TryAppend(ReadOnlySpan<byte> source)
    {
        if (!Reserve(source.Length))
        {
            return false;
        }

        source.CopyTo(_data.AsSpan(Length));
        Length += source.Length;
        return true;
    }

    private void Grow(int needed)
    {
        int size = Math.Max(needed, Math.Max(MinimumGrowth, _data.Length * 2));
        var next = new byte[Math.Min(size, Limit)];
        _data.AsSpan(0, Length).CopyTo(next);
        _data = next;
    }
}
