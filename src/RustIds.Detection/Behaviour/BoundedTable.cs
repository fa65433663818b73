using RustIds.Packets.Memory;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace RustIds.Detection.Behaviour;

/// <summary>
/// Per-key detector state in a fixed amount of memory: a 4-way set-associative table that evicts the
/// least recently touched entry of a full set. Allocated once; lookups never allocate.
/// </summary>
/// <remarks>
/// Why not a dictionary: a flood of spoofed sources must not grow memory, and eviction must be cheap
/// and deterministic (hashes come from <see cref="KeyHash"/>, not a per-process seed). An evicted
/// source starts over from zero, which only makes a detector later, never wrong about who did what.
/// Layout: a set is one block of native memory (<see cref="TableMemory"/>, on huge pages where the kernel gives them):
/// a one-cache-line header with the four ways' 32-bit tags and touch times, then the four entries, each key beside its
/// value. A miss (the common case under a flood of new sources) reads the header line before it picks a victim; a hit's
/// key check and value, and a new entry's key and zeroed value, share the entry's lines, in the same page as the header.
/// The memory lives as long as the table (or the <see cref="TableMemory"/> it was carved from).
/// </remarks>
public sealed unsafe class BoundedTable<TKey, TValue>
    where TKey : unmanaged, ITableKey<TKey>
    where TValue : unmanaged
{
    private const int Ways = 4;

    private readonly TableMemory _memory;
    private readonly byte* _sets;
    private readonly nint _setBytes;
    private readonly ulong _setMask;

    /// <param name="capacity">Entries kept at most; rounded up to a power of two, at least 4.</param>
    public BoundedTable(int capacity)
        : this(capacity, null)
    {
    }

    /// <param name="capacity">Entries kept at most; rounded up to a power of two, at least 4.</param>
    /// <param name="memory">Where to carve the table from; its own memory when null.</param>
    internal BoundedTable(int capacity, TableMemory? memory)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        var sets = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(1, (capacity + Ways - 1) / Ways));
        _setBytes = SetBytes;
        var bytes = sets * (long)_setBytes;
        _memory = memory ?? new TableMemory(bytes);
        _sets = (byte*)_memory.Allocate(bytes);
        _setMask = (ulong)sets - 1;
        Capacity = sets * Ways;
        MemoryBytes = bytes;
    }

    /// <summary>Bytes of one set: its header line and four entries, rounded up to whole cache lines.</summary>
    private static nint SetBytes => (sizeof(SetHeader) + Ways * sizeof(Entry) + TableMemory.LineBytes - 1) & ~(TableMemory.LineBytes - 1);

    public int Capacity { get; }

    /// <summary>Entries in use.</summary>
    public int Count { get; private set; }

    /// <summary>Entries given up to make room for a new key.</summary>
    public long Evictions { get; private set; }

    /// <summary>Bytes the table holds, allocated once.</summary>
    public long MemoryBytes { get; }

    /// <summary>The entry of <paramref name="key"/>, created zeroed (evicting the stalest of its set) when missing.</summary>
    /// <param name="key">The key to find or add.</param>
    /// <param name="nowTicks">Packet time, for the least-recently-touched choice.</param>
    public ref TValue GetOrAdd(TKey key, long nowTicks) => ref GetOrAdd(key, nowTicks, out _);

    /// <summary>As <see cref="GetOrAdd(TKey, long)"/>, also giving the entry's slot (0 to <see cref="Capacity"/> − 1), for state kept in a parallel array.</summary>
    /// <remarks>A slot changes hands on eviction: state kept beside the table must be told apart (for example by a flag in the value, which starts zeroed).</remarks>
    public ref TValue GetOrAdd(TKey key, long nowTicks, out int slot)
    {
        var hash = key.Hash;
        var set = (int)(hash & _setMask);
        var tag = (uint)(hash >> 32) | 1;
        var block = _sets + set * _setBytes;
        ref var header = ref *(SetHeader*)block;
        var entries = (Entry*)(block + sizeof(SetHeader));
        var victim = -1;
        var oldest = long.MaxValue;
        for (var way = 0; way < Ways; way++)
        {
            var wayTag = header.Tags[way];
            if (wayTag == 0)
            {
                if (oldest != long.MinValue)
                {
                    victim = way;
                    oldest = long.MinValue;
                }
                continue;
            }
            if (wayTag == tag)
            {
                ref var entry = ref entries[way];
                if (entry.Key.Equals(key))
                {
                    if (nowTicks > header.Touched[way])
                        header.Touched[way] = nowTicks;
                    slot = set * Ways + way;
                    return ref entry.Value;
                }
            }
            if (header.Touched[way] < oldest)
            {
                oldest = header.Touched[way];
                victim = way;
            }
        }
        if (header.Tags[victim] != 0)
            Evictions++;
        else
            Count++;
        header.Tags[victim] = tag;
        header.Touched[victim] = nowTicks;
        slot = set * Ways + victim;
        ref var added = ref entries[victim];
        added.Key = key;
        added.Value = default;
        return ref added.Value;
    }

    /// <summary>Starts loading the header line of the set <paramref name="key"/> belongs to (its tags and touch times), for a lookup a little later.</summary>
    /// <remarks>Changes nothing: the line is only brought into the cache (see <see cref="CacheLines"/>). Prefetching the set's entries too measured the same.</remarks>
    public void Prefetch(TKey key) => CacheLines.PrefetchOnce(_sets + (int)(key.Hash & _setMask) * _setBytes);

    /// <summary>The entry of <paramref name="key"/> if there is one (never adds, never evicts); else a null reference (check with <see cref="Unsafe.IsNullRef{T}(ref readonly T)"/>).</summary>
    public ref TValue Find(TKey key)
    {
        var hash = key.Hash;
        var tag = (uint)(hash >> 32) | 1;
        var block = _sets + (int)(hash & _setMask) * _setBytes;
        ref var header = ref *(SetHeader*)block;
        var entries = (Entry*)(block + sizeof(SetHeader));
        for (var way = 0; way < Ways; way++)
        {
            if (header.Tags[way] == tag && entries[way].Key.Equals(key))
                return ref entries[way].Value;
        }
        return ref Unsafe.NullRef<TValue>();
    }

    private struct Entry
    {
        public TKey Key;
        public TValue Value;
    }

    /// <summary>One cache line: the tags and touch times of a set's four ways.</summary>
    [StructLayout(LayoutKind.Sequential, Size = TableMemory.LineBytes)]
    private struct SetHeader
    {
        public Tags4 Tags;
        public Ticks4 Touched;
    }

    [InlineArray(Ways)]
    private struct Tags4
    {
        private uint _tag;
    }

    [InlineArray(Ways)]
    private struct Ticks4
    {
        private long _ticks;
    }
}
