using System.Numerics;
using System.Runtime.CompilerServices;

namespace RustIds.Detection.Behaviour;

/// <summary>
/// Per-key detector state in a fixed amount of memory: a 4-way set-associative table that evicts the
/// least recently touched entry of a full set. Allocated once; lookups never allocate.
/// </summary>
/// <remarks>
/// Why not a dictionary: a flood of spoofed sources must not grow memory, and eviction must be cheap
/// and deterministic (hashes come from <see cref="KeyHash"/>, not a per-process seed). An evicted
/// source starts over from zero, which only makes a detector later, never wrong about who did what.
/// Layout: each set's four 32-bit tags and touch times share one 48-byte header, so a miss (the common
/// case under a flood of new sources) reads one cache line before it picks a victim. Each key sits next to
/// its value, so a hit's key check and value, and a new entry's key and zeroed value, share cache lines
/// (with keys in an array of their own, every lookup that found its tag missed the caches twice).
/// </remarks>
public sealed class BoundedTable<TKey, TValue>
    where TKey : struct, ITableKey<TKey>
    where TValue : struct
{
    private const int Ways = 4;

    private readonly SetHeader[] _sets;
    private readonly Entry[] _entries;
    private readonly ulong _setMask;

    /// <param name="capacity">Entries kept at most; rounded up to a power of two, at least 4.</param>
    public BoundedTable(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        var sets = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(1, (capacity + Ways - 1) / Ways));
        _sets = new SetHeader[sets];
        _entries = new Entry[sets * Ways];
        _setMask = (ulong)sets - 1;
    }

    public int Capacity => _entries.Length;

    /// <summary>Entries in use.</summary>
    public int Count { get; private set; }

    /// <summary>Entries given up to make room for a new key.</summary>
    public long Evictions { get; private set; }

    /// <summary>Bytes the table holds, allocated once.</summary>
    public long MemoryBytes => (long)_sets.Length * Unsafe.SizeOf<SetHeader>() + (long)_entries.Length * Unsafe.SizeOf<Entry>();

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
        ref var header = ref _sets[set];
        var first = set * Ways;
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
                ref var entry = ref _entries[first + way];
                if (entry.Key.Equals(key))
                {
                    if (nowTicks > header.Touched[way])
                        header.Touched[way] = nowTicks;
                    slot = first + way;
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
        slot = first + victim;
        ref var added = ref _entries[slot];
        added.Key = key;
        added.Value = default;
        return ref added.Value;
    }

    /// <summary>The entry of <paramref name="key"/> if there is one (never adds, never evicts); else a null reference (check with <see cref="Unsafe.IsNullRef{T}(ref readonly T)"/>).</summary>
    public ref TValue Find(TKey key)
    {
        var hash = key.Hash;
        var first = (int)(hash & _setMask) * Ways;
        var tag = (uint)(hash >> 32) | 1;
        ref var header = ref _sets[(int)(hash & _setMask)];
        for (var way = 0; way < Ways; way++)
        {
            if (header.Tags[way] == tag && _entries[first + way].Key.Equals(key))
                return ref _entries[first + way].Value;
        }
        return ref Unsafe.NullRef<TValue>();
    }

    private struct Entry
    {
        public TKey Key;
        public TValue Value;
    }

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
