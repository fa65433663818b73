using System.Numerics;
using static RustIds.Packets.Streams.SequenceNumber;

namespace RustIds.Packets.Streams;

/// <summary>The most recent delivered bytes of one direction, kept to compare retransmissions against.</summary>
/// <remarks>
/// A power-of-two <see cref="SequenceRing"/> holding [<see cref="Start"/>, next) where next is the direction's
/// next expected byte. The start moves forward with the receiver's ACK (acknowledged bytes are never
/// legitimately retransmitted to a host that accepts them), with gaps, and when the ring is full. The ring grows
/// on demand up to the configured size, as an optional rent so it never takes memory out-of-order buffering needs.
/// </remarks>
internal sealed class DeliveredHistory
{
    private const int InitialBytes = 4096;

    private readonly ReassemblyMemory _memory;
    private readonly int _maxCapacity;
    private byte[]? _array;
    private int _capacity;

    public DeliveredHistory(ReassemblyMemory memory, int maxBytes)
    {
        _memory = memory;
        _maxCapacity = maxBytes == 0 ? 0 : (int)BitOperations.RoundUpToPowerOf2((uint)maxBytes);
    }

    /// <summary>First sequence number still held.</summary>
    public uint Start { get; private set; }

    private Span<byte> Ring => _array.AsSpan(0, _capacity);

    /// <summary>Forgets everything before <paramref name="next"/> (stream start or gap).</summary>
    public void Restart(uint next) => Start = next;

    /// <summary>Forgets bytes the receiver acknowledged.</summary>
    public void Acknowledge(uint ack, uint next)
    {
        if (Gt(ack, Start) && Leq(ack, next))
            Start = ack;
    }

    /// <summary>Appends <paramref name="data"/>, delivered at <paramref name="next"/>.</summary>
    public void Record(uint next, ReadOnlySpan<byte> data)
    {
        if (_maxCapacity == 0)
            return;
        var end = next + (uint)data.Length;
        var wanted = end - Start;
        if (wanted > (uint)_capacity && _capacity < _maxCapacity)
            Grow(next, wanted);
        if (_capacity == 0)
        {
            Start = end;
            return;
        }
        var kept = Math.Min(data.Length, _capacity);
        SequenceRing.Write(Ring, end - (uint)kept, data[^kept..]);
        if (end - Start > (uint)_capacity)
            Start = end - (uint)_capacity;
    }

    /// <summary>Whether the held bytes of [seq, seq + data.Length) differ from <paramref name="data"/>.</summary>
    public bool Differs(uint seq, ReadOnlySpan<byte> data, uint next)
    {
        if (_capacity == 0)
            return false;
        var from = Max(seq, Start);
        var to = Min(seq + (uint)data.Length, next);
        if (Geq(from, to))
            return false;
        var slice = data.Slice((int)(from - seq), (int)(to - from));
        return !SequenceRing.SequenceEqual(Ring, from, slice);
    }

    public void Release()
    {
        if (_array is not null)
        {
            _memory.Return(_array);
            _array = null;
        }
        _capacity = 0;
    }

    private void Grow(uint next, uint wanted)
    {
        var capacity = (int)Math.Min(BitOperations.RoundUpToPowerOf2(Math.Max(wanted, InitialBytes)), (uint)_maxCapacity);
        var array = _memory.RentBytes(capacity, optional: true);
        if (array is null)
            return;
        if (_array is not null)
        {
            SequenceRing.Copy(Ring, array.AsSpan(0, capacity), Start, (int)(next - Start));
            _memory.Return(_array);
        }
        else
        {
            Start = next;
        }
        _array = array;
        _capacity = capacity;
    }
}
