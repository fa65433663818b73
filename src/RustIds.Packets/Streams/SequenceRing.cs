namespace RustIds.Packets.Streams;

/// <summary>Copies between sequence numbers and a power-of-two ring of bytes.</summary>
/// <remarks>
/// The byte with sequence number <c>s</c> lives at index <c>s &amp; (ring.Length - 1)</c>. Because the ring
/// length divides 2^32, the mapping needs no base offset and survives sequence wraparound; callers keep
/// every stored range shorter than the ring so two live bytes never share an index.
/// </remarks>
internal static class SequenceRing
{
    /// <summary>The run of the ring starting at <paramref name="seq"/>, at most <paramref name="length"/> bytes, up to the ring's end.</summary>
    public static ReadOnlySpan<byte> Contiguous(ReadOnlySpan<byte> ring, uint seq, int length)
    {
        var start = (int)(seq & (uint)(ring.Length - 1));
        return ring.Slice(start, Math.Min(length, ring.Length - start));
    }

    public static void Write(Span<byte> ring, uint seq, ReadOnlySpan<byte> data)
    {
        var start = (int)(seq & (uint)(ring.Length - 1));
        var first = Math.Min(data.Length, ring.Length - start);
        data[..first].CopyTo(ring[start..]);
        data[first..].CopyTo(ring);
    }

    public static bool SequenceEqual(ReadOnlySpan<byte> ring, uint seq, ReadOnlySpan<byte> data)
    {
        var start = (int)(seq & (uint)(ring.Length - 1));
        var first = Math.Min(data.Length, ring.Length - start);
        return ring.Slice(start, first).SequenceEqual(data[..first])
            && ring[..(data.Length - first)].SequenceEqual(data[first..]);
    }

    /// <summary>Copies the bytes of [<paramref name="seq"/>, seq + length) from one ring to another of any power-of-two size.</summary>
    public static void Copy(ReadOnlySpan<byte> source, Span<byte> destination, uint seq, int length)
    {
        while (length > 0)
        {
            var run = Contiguous(source, seq, length);
            Write(destination, seq, run);
            seq += (uint)run.Length;
            length -= run.Length;
        }
    }
}
