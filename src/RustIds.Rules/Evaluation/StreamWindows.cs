using RustIds.Packets;

namespace RustIds.Rules.Evaluation;

/// <summary>
/// The most recent bytes of every open TCP direction's reassembled stream, by flow slot, so each new chunk is
/// inspected together with what came just before it and a pattern split across segments is still found.
/// </summary>
/// <remarks>
/// Each direction holds at most <see cref="WindowBytes"/> bytes, in an array taken from a free list when its first
/// data arrives and given back when the direction ends, so memory follows the open streams and steady state
/// allocates nothing. Not thread-safe: one per capture worker.
/// </remarks>
internal sealed class StreamWindows(int windowBytes)
{
    private readonly Stack<byte[]> _free = new();
    private StreamTail[] _tails = [];

    /// <summary>Bytes kept per direction.</summary>
    public int WindowBytes { get; } = windowBytes;

    /// <summary>Arrays in use or on the free list, for the memory report.</summary>
    public int ArraysCreated { get; private set; }

    /// <summary>The tail of <paramref name="direction"/> of the flow <paramref name="flowId"/> in <paramref name="slot"/>; a different flow's leftovers are dropped.</summary>
    public ref StreamTail For(int slot, FlowDirection direction, ulong flowId)
    {
        var index = (slot * 2) + (direction == FlowDirection.ToClient ? 1 : 0);
        if (index >= _tails.Length)
            Array.Resize(ref _tails, Math.Max(index + 1, Math.Max(1024, _tails.Length * 2)));
        ref var tail = ref _tails[index];
        // Owner is the flow id plus one, so a never-used entry (0) differs from flow 0.
        if (tail.Owner != flowId + 1)
        {
            tail.Owner = flowId + 1;
            tail.Length = 0;
            tail.StreamBytes = 0;
            tail.Broken = false;
        }
        return ref tail;
    }

    /// <summary>Appends delivered bytes, keeping the last <see cref="WindowBytes"/>.</summary>
    public void Append(ref StreamTail tail, ReadOnlySpan<byte> data)
    {
        tail.StreamBytes += data.Length;
        if (WindowBytes == 0 || data.IsEmpty)
            return;
        if (tail.Bytes is null)
        {
            if (!_free.TryPop(out var bytes))
            {
                bytes = new byte[WindowBytes];
                ArraysCreated++;
            }
            tail.Bytes = bytes;
        }
        var buffer = tail.Bytes.AsSpan();
        if (data.Length >= WindowBytes)
        {
            data[^WindowBytes..].CopyTo(buffer);
            tail.Length = WindowBytes;
            return;
        }
        var keep = Math.Min(tail.Length, WindowBytes - data.Length);
        if (keep < tail.Length)
            buffer.Slice(tail.Length - keep, keep).CopyTo(buffer);
        data.CopyTo(buffer[keep..]);
        tail.Length = keep + data.Length;
    }

    /// <summary>A hole in the stream: what came before it is no longer adjacent to what follows.</summary>
    public void Gap(int slot, FlowDirection direction, ulong flowId)
    {
        ref var tail = ref For(slot, direction, flowId);
        tail.Length = 0;
        tail.Broken = true;
    }

    /// <summary>The direction ended: its array goes back to the free list.</summary>
    public void End(int slot, FlowDirection direction, ulong flowId)
    {
        var index = (slot * 2) + (direction == FlowDirection.ToClient ? 1 : 0);
        if (index >= _tails.Length)
            return;
        ref var tail = ref _tails[index];
        if (tail.Owner != flowId + 1)
            return;
        if (tail.Bytes is not null)
            _free.Push(tail.Bytes);
        tail = default;
    }

    /// <summary>Forgets every stream (a rule reload): arrays go back to the free list.</summary>
    public void Clear()
    {
        for (var i = 0; i < _tails.Length; i++)
        {
            if (_tails[i].Bytes is { } bytes)
                _free.Push(bytes);
            _tails[i] = default;
        }
    }
}

/// <summary>What <see cref="StreamWindows"/> keeps of one direction.</summary>
internal struct StreamTail
{
    /// <summary>Flow id plus one of the flow these bytes belong to; 0 when unused.</summary>
    public ulong Owner;

    public byte[]? Bytes;

    /// <summary>Bytes held, the last of the stream so far.</summary>
    public int Length;

    /// <summary>Bytes delivered in this direction so far.</summary>
    public long StreamBytes;

    /// <summary>A gap was seen: stream offsets are unknown from here on.</summary>
    public bool Broken;

    /// <summary>The held bytes are the whole stream from its first byte, so buffer offsets are stream offsets.</summary>
    public readonly bool FromStreamStart => !Broken && StreamBytes == Length;
}
