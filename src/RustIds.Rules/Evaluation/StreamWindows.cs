using RustIds.Packets;

namespace RustIds.Rules.Evaluation;

/// <summary>
/// The recent past of every open TCP direction's reassembled stream, by flow slot: its last bytes, so each new chunk
/// is inspected together with what came just before it, and the stream rules whose fast pattern was found in them.
/// </summary>
/// <remarks>
/// Each direction's <see cref="StreamHistory"/> is taken from a free list when its first data arrives and given back
/// when the direction ends, so memory follows the open streams and steady state allocates nothing. At most
/// <paramref name="memcapBytes"/> go to histories: a direction that finds none free is inspected chunk by chunk
/// (counted in <see cref="Refused"/>) until one is. Not thread-safe: one per capture worker.
/// </remarks>
internal sealed class StreamWindows(int windowBytes, long memcapBytes)
{
    private readonly Stack<StreamHistory> _free = new();
    private readonly long _maxHistories = Math.Max(1, memcapBytes / StreamHistory.SizeFor(windowBytes));
    private long _created;
    private StreamTail[] _tails = [];

    /// <summary>Bytes kept per direction.</summary>
    public int WindowBytes { get; } = windowBytes;

    /// <summary>Chunks inspected without the bytes before them because every history the memcap allows was in use.</summary>
    public long Refused { get; private set; }

    /// <summary>The state of <paramref name="direction"/> of the flow <paramref name="flowId"/> in <paramref name="slot"/>; a different flow's leftovers are dropped.</summary>
    public ref StreamTail For(int slot, FlowDirection direction, ulong flowId)
    {
        var index = Index(slot, direction);
        if (index >= _tails.Length)
            Array.Resize(ref _tails, Math.Max(index + 1, Math.Max(1024, _tails.Length * 2)));
        ref var tail = ref _tails[index];
        // Owner is the flow id plus one, so a never-used entry (0) differs from flow 0.
        if (tail.Owner != flowId + 1)
        {
            tail.Owner = flowId + 1;
            tail.StreamBytes = 0;
            tail.Broken = false;
            tail.History?.Reset();
        }
        return ref tail;
    }

    /// <summary>The direction's history, taken from the free list on first use; null when the memcap is reached.</summary>
    public StreamHistory? HistoryOf(ref StreamTail tail)
    {
        if (tail.History is null)
        {
            if (!_free.TryPop(out var history))
            {
                if (_created >= _maxHistories)
                {
                    Refused++;
                    return null;
                }
                history = new StreamHistory(WindowBytes);
                _created++;
            }
            tail.History = history;
        }
        return tail.History;
    }

    /// <summary>Appends delivered bytes, keeping the last <see cref="WindowBytes"/>.</summary>
    public void Append(ref StreamTail tail, ReadOnlySpan<byte> data)
    {
        tail.StreamBytes += data.Length;
        // The history, if any, was taken when the chunk was inspected.
        if (!data.IsEmpty)
            tail.History?.Append(data);
    }

    /// <summary>A hole in the stream: what came before it is no longer adjacent to what follows.</summary>
    public void Gap(int slot, FlowDirection direction, ulong flowId)
    {
        ref var tail = ref For(slot, direction, flowId);
        tail.History?.Reset();
        tail.Broken = true;
    }

    /// <summary>The direction ended: its history goes back to the free list.</summary>
    public void End(int slot, FlowDirection direction, ulong flowId)
    {
        var index = Index(slot, direction);
        if (index >= _tails.Length || _tails[index].Owner != flowId + 1)
            return;
        Release(ref _tails[index]);
    }

    /// <summary>Forgets every stream (a rule reload: rule indices change): histories go back to the free list.</summary>
    public void Clear()
    {
        for (var i = 0; i < _tails.Length; i++)
            Release(ref _tails[i]);
    }

    private static int Index(int slot, FlowDirection direction) => (slot * 2) + (direction == FlowDirection.ToClient ? 1 : 0);

    private void Release(ref StreamTail tail)
    {
        if (tail.History is { } history)
        {
            history.Reset();
            _free.Push(history);
        }
        tail = default;
    }
}

/// <summary>Where one direction's stream stands.</summary>
internal struct StreamTail
{
    /// <summary>Flow id plus one of the flow this belongs to; 0 when unused.</summary>
    public ulong Owner;

    /// <summary>Bytes delivered in this direction so far.</summary>
    public long StreamBytes;

    /// <summary>A gap was seen: stream offsets are unknown from here on.</summary>
    public bool Broken;

    /// <summary>The kept bytes and recent candidates, once data arrived.</summary>
    public StreamHistory? History;

    /// <summary>Bytes kept, the last of the stream so far.</summary>
    public readonly int Held => History?.Length ?? 0;

    /// <summary>The kept bytes are the whole stream from its first byte, so buffer offsets are stream offsets.</summary>
    public readonly bool FromStreamStart => !Broken && StreamBytes == Held;
}

/// <summary>One direction's last bytes and the stream rules whose fast pattern was found in them.</summary>
/// <remarks>
/// A later chunk can complete a rule whose fast pattern lies wholly in the kept bytes (<c>content:"USER ";
/// content:"root"; distance:0;</c> split after the space). Rather than scanning the kept bytes again for every chunk,
/// the rules found there are remembered with the stream offset where the chunk that revealed them ended; when more
/// than <see cref="RecentCapacity"/> are in the window, the window is scanned whole until those bytes have left it.
/// </remarks>
internal sealed class StreamHistory(int windowBytes)
{
    /// <summary>Candidates remembered per direction.</summary>
    public const int RecentCapacity = 16;

    /// <summary>Approximate bytes one history takes with <paramref name="windowBytes"/> of window: its arrays and object headers.</summary>
    public static long SizeFor(int windowBytes) => windowBytes + (RecentCapacity * (sizeof(int) + sizeof(long))) + 128;

    public readonly byte[] Bytes = new byte[windowBytes];
    public readonly int[] RecentRules = new int[RecentCapacity];
    public readonly long[] RecentEnds = new long[RecentCapacity];

    /// <summary>Bytes held in <see cref="Bytes"/>.</summary>
    public int Length;

    /// <summary>Entries in <see cref="RecentRules"/>.</summary>
    public int RecentCount;

    /// <summary>Stream offset before which the remembered candidates are incomplete: a window starting earlier is scanned whole.</summary>
    public long RescanUntil;

    public void Reset()
    {
        Length = 0;
        RecentCount = 0;
        RescanUntil = 0;
    }

    public void Append(ReadOnlySpan<byte> data)
    {
        var buffer = Bytes.AsSpan();
        if (data.Length >= buffer.Length)
        {
            data[^buffer.Length..].CopyTo(buffer);
            Length = buffer.Length;
            return;
        }
        var keep = Math.Min(Length, buffer.Length - data.Length);
        if (keep < Length)
            buffer.Slice(Length - keep, keep).CopyTo(buffer);
        data.CopyTo(buffer[keep..]);
        Length = keep + data.Length;
    }
}
