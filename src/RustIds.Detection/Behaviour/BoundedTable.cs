using System.Numerics;

namespace RustIds.Detection.Behaviour;

/// <summary>
/// Per-key detector state in a fixed amount of memory: a 4-way set-associative table that evicts the
/// least recently touched entry of a full set. Allocated once; lookups never allocate.
/// </summary>
/// <remarks>
/// Why not a dictionary: a flood of spoofed sources must not grow memory, and eviction must be cheap
/// and deterministic (hashes come from <see cref="KeyHash"/>, not a per-process seed). An evicted
/// source starts over from zero, which only makes a detector later, never wrong about who did what.
/// </remarks>
public sealed class BoundedTable<TKey, TValue>
    where TKey : struct, ITableKey<TKey>
    where TValue : struct
{
    private const int Ways = 4;

    private readonly Entry[] _entries;
    private readonly ulong _setMask;

    /// <param name="capacity">Entries kept at most; rounded up to a power of two, at least 4.</param>
    public BoundedTable(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        var sets = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(1, (capacity + Ways - 1) / Ways));
        _entries = new Entry[sets * Ways];
        _setMask = (ulong)sets - 1;
    }

    public int Capacity => _entries.Length;

    /// <summary>Entries in use.</summary>
    public int Count { get; private set; }

    /// <summary>Entries given up to make room for a new key.</summary>
    public long Evictions { get; private set; }

    /// <summary>The entry of <paramref name="key"/>, created zeroed (evicting the stalest of its set) when missing.</summary>
    /// <param name="key">The key to find or add.</param>
    /// <param name="nowTicks">Packet time, for the least-recently-touched choice.</param>
    public ref TValue GetOrAdd(TKey key, long nowTicks)
    {
        var first = (int)(key.Hash & _setMask) * Ways;
        var victim = first;
        var oldest = long.MaxValue;
        for (var i = first; i < first + Ways; i++)
        {
            ref var entry = ref _entries[i];
            if (!entry.Used)
            {
                if (oldest != long.MinValue)
                {
                    victim = i;
                    oldest = long.MinValue;
                }
                continue;
            }
            if (entry.Key.Equals(key))
            {
                if (nowTicks > entry.TouchedTicks)
                    entry.TouchedTicks = nowTicks;
                return ref entry.Value;
            }
            if (entry.TouchedTicks < oldest)
            {
                oldest = entry.TouchedTicks;
                victim = i;
            }
        }
        ref var slot = ref _entries[victim];
        if (slot.Used)
            Evictions++;
        else
            Count++;
        slot.Used = true;
        slot.Key = key;
        slot.TouchedTicks = nowTicks;
        slot.Value = default;
        return ref slot.Value;
    }

    private struct Entry
    {
        public TKey Key;
        public long TouchedTicks;
        public bool Used;
        public TValue Value;
    }
}
