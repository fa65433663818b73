using System.Numerics;
using static RustIds.Packets.Streams.SequenceNumber;

namespace RustIds.Packets.Streams;

/// <summary>Out-of-order bytes of one direction: a pooled <see cref="SequenceRing"/> plus sorted, disjoint ranges.</summary>
/// <remarks>
/// Every range lies in [next, next + ring length), where next is the direction's next expected byte, so ranges
/// never collide in the ring and trimming a range is just moving its start. The ring and the range array are
/// rented when the first segment is buffered and returned when the last range is delivered.
/// </remarks>
internal sealed class OutOfOrderBuffer
{
    private const int InitialBytes = 4096;
    private const int InitialRanges = 16;

    private readonly ReassemblyMemory _memory;
    private readonly int _maxRanges;
    private byte[]? _array;
    private int _capacity;
    private BufferedRange[] _ranges = [];
    private int _count;

    public OutOfOrderBuffer(ReassemblyMemory memory, int maxRanges)
    {
        _memory = memory;
        _maxRanges = maxRanges;
    }

    public int Count => _count;

    public ReadOnlySpan<byte> Ring => _array.AsSpan(0, _capacity);

    public BufferedRange this[int index] => _ranges[index];

    /// <summary>Stores [<paramref name="seq"/>, seq + data.Length), keeping buffered bytes where
    /// <paramref name="policy"/> says old data wins.</summary>
    /// <param name="next">The direction's next expected byte; <paramref name="seq"/> is after it.</param>
    /// <param name="seq">First sequence number of the segment.</param>
    /// <param name="data">The segment's bytes.</param>
    /// <param name="policy">Overlap policy for bytes already buffered.</param>
    /// <param name="overlap">Set when the segment overlapped buffered bytes; <c>Different</c> when they differed.</param>
    public InsertStatus Insert(uint next, uint seq, ReadOnlySpan<byte> data, OverlapPolicy policy, out OverlapKind overlap)
    {
        overlap = OverlapKind.None;
        var end = seq + (uint)data.Length;
        var first = FirstEndingAfter(seq);
        var holes = 0;
        var cursor = seq;
        for (var i = first; i < _count && Lt(_ranges[i].Seq, end); i++)
        {
            if (Lt(cursor, _ranges[i].Seq))
                holes++;
            cursor = Max(cursor, _ranges[i].End);
        }
        if (Lt(cursor, end))
            holes++;
        if (_count + holes > _maxRanges)
            return InsertStatus.TooManyRanges;
        if (!EnsureRing(end - next) || !EnsureRanges(_count + holes))
            return InsertStatus.MemcapRefused;

        var ring = _array.AsSpan(0, _capacity);
        var merge = policy is OverlapPolicy.First or OverlapPolicy.Last;
        cursor = seq;
        var index = first;
        while (index < _count && Lt(_ranges[index].Seq, end))
        {
            var range = _ranges[index];
            if (Lt(cursor, range.Seq))
            {
                index = AddRange(index, cursor, range.Seq, seq, data, merge);
                cursor = range.Seq;
            }
            var overlapEnd = Min(end, range.End);
            var slice = data.Slice((int)(cursor - seq), (int)(overlapEnd - cursor));
            if (SequenceRing.SequenceEqual(ring, cursor, slice))
            {
                overlap = overlap == OverlapKind.None ? OverlapKind.Same : overlap;
            }
            else
            {
                overlap = OverlapKind.Different;
                if (OverlapRules.NewWins(policy, seq, end, range.OriginalSeq, range.OriginalEnd))
                    SequenceRing.Write(ring, cursor, slice);
            }
            cursor = overlapEnd;
            index++;
        }
        if (Lt(cursor, end))
            AddRange(index, cursor, end, seq, data, merge);
        return InsertStatus.Stored;
    }

    /// <summary>Drops the first <paramref name="count"/> ranges; returns the buffers when none is left.</summary>
    public void RemoveFirst(int count)
    {
        if (count <= 0)
            return;
        _ranges.AsSpan(count, _count - count).CopyTo(_ranges);
        _count -= count;
        if (_count == 0)
            Release();
    }

    /// <summary>Moves the start of range <paramref name="index"/> to <paramref name="seq"/>, inside it.</summary>
    public void TrimStart(int index, uint seq)
    {
        ref var range = ref _ranges[index];
        range.Length -= (int)(seq - range.Seq);
        range.Seq = seq;
    }

    /// <summary>Drops every buffered byte at or after <paramref name="seq"/> (data beyond a FIN).</summary>
    public void TruncateAt(uint seq)
    {
        var keep = _count;
        while (keep > 0 && Geq(_ranges[keep - 1].Seq, seq))
            keep--;
        if (keep > 0 && Gt(_ranges[keep - 1].End, seq))
            _ranges[keep - 1].Length = (int)(seq - _ranges[keep - 1].Seq);
        _count = keep;
        if (_count == 0)
            Release();
    }

    public void Release()
    {
        _count = 0;
        if (_array is not null)
        {
            _memory.Return(_array);
            _array = null;
        }
        _capacity = 0;
        if (_ranges.Length > 0)
        {
            _memory.Return(_ranges);
            _ranges = [];
        }
    }

    private int FirstEndingAfter(uint seq)
    {
        int low = 0, high = _count;
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            if (Leq(_ranges[middle].End, seq))
                low = middle + 1;
            else
                high = middle;
        }
        return low;
    }

    /// <summary>Writes the hole [from, to) of the new segment and records it; returns the index after it.</summary>
    private int AddRange(int index, uint from, uint to, uint seq, ReadOnlySpan<byte> data, bool merge)
    {
        var length = (int)(to - from);
        SequenceRing.Write(_array.AsSpan(0, _capacity), from, data.Slice((int)(from - seq), length));
        if (merge && index > 0 && _ranges[index - 1].End == from)
        {
            // First and Last never look at original bounds, so adjacent runs can share one range.
            _ranges[index - 1].Length += length;
            return index;
        }
        _ranges.AsSpan(index, _count - index).CopyTo(_ranges.AsSpan(index + 1));
        _ranges[index] = new BufferedRange { Seq = from, Length = length, OriginalSeq = seq, OriginalLength = data.Length };
        _count++;
        return index + 1;
    }

    private bool EnsureRing(uint span)
    {
        if (span <= (uint)_capacity)
            return true;
        var capacity = (int)BitOperations.RoundUpToPowerOf2(Math.Max(span, InitialBytes));
        var array = _memory.RentBytes(capacity, optional: false);
        if (array is null)
            return false;
        if (_array is not null)
        {
            var destination = array.AsSpan(0, capacity);
            for (var i = 0; i < _count; i++)
                SequenceRing.Copy(Ring, destination, _ranges[i].Seq, _ranges[i].Length);
            _memory.Return(_array);
        }
        _array = array;
        _capacity = capacity;
        return true;
    }

    private bool EnsureRanges(int count)
    {
        if (count <= _ranges.Length)
            return true;
        var array = _memory.RentRanges(Math.Max(count, Math.Max(InitialRanges, _ranges.Length * 2)));
        if (array is null)
            return false;
        if (_ranges.Length > 0)
        {
            _ranges.AsSpan(0, _count).CopyTo(array);
            _memory.Return(_ranges);
        }
        _ranges = array;
        return true;
    }
}
