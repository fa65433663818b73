using System.Numerics;
using System.Runtime.CompilerServices;

namespace RustIds.Packets;

/// <summary>The storage of the <see cref="FlowTracker"/>: a preallocated pool of flow entries, an open-addressing index over it, and a recency list.</summary>
/// <remarks>
/// Entries live in a fixed pool and never move, so a slot number identifies a flow for its whole life
/// and per-flow state elsewhere (streams, parsers) can be kept in arrays indexed by slot. The index is
/// linear probing at a load factor of at most 0.5 with backward-shift deletion (no tombstones, so
/// probe lengths do not decay as flows come and go). Each bucket holds its entry's hash beside the slot, so a
/// probe reads one cache line of the index and touches an entry only when the hash matches. The recency list (most recent first) finds the
/// oldest idle flows for expiry and eviction in O(1) each. Nothing is allocated after construction.
/// </remarks>
internal sealed class FlowTable
{
    private const int None = -1;

    private readonly Bucket[] _buckets;
    private readonly int _mask;
    private readonly FlowEntry[] _entries;
    private readonly int[] _hashes;
    private readonly int[] _newer;
    private readonly int[] _older;
    private int _mostRecent = None;
    private int _leastRecent = None;
    private int _free;

    public FlowTable(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Capacity = capacity;
        _buckets = new Bucket[(int)BitOperations.RoundUpToPowerOf2((uint)capacity * 2)];
        _mask = _buckets.Length - 1;
        _entries = new FlowEntry[capacity];
        _hashes = new int[capacity];
        _newer = new int[capacity];
        _older = new int[capacity];
        // Free slots are chained through _older.
        for (var i = 0; i < capacity; i++)
            _older[i] = i + 1 < capacity ? i + 1 : None;
    }

    /// <summary>Approximate bytes one slot costs: the entry, its hash, its recency links and two index buckets.</summary>
    public static int BytesPerSlot => Unsafe.SizeOf<FlowEntry>() + 3 * sizeof(int) + 2 * Unsafe.SizeOf<Bucket>();

    public int Capacity { get; }

    public int Count { get; private set; }

    /// <summary>The least recently touched slot, or -1 when empty.</summary>
    public int LeastRecent => _leastRecent;

    public ref FlowEntry this[int slot] => ref _entries[slot];

    /// <summary>The slot touched just after <paramref name="slot"/>, or -1.</summary>
    public int NewerThan(int slot) => _newer[slot];

    /// <summary>The slot holding <paramref name="key"/>, or -1.</summary>
    public int Find(in FlowKey key, int hash)
    {
        for (var bucket = hash & _mask; ; bucket = (bucket + 1) & _mask)
        {
            var stored = _buckets[bucket];
            if (stored.SlotPlusOne == 0)
                return None;
            if (stored.Hash == hash && _entries[stored.SlotPlusOne - 1].Key.Equals(key))
                return stored.SlotPlusOne - 1;
        }
    }

    /// <summary>Takes a free slot for <paramref name="key"/> (absent, and the table not full) and makes it the most recent.</summary>
    public int Add(in FlowKey key, int hash)
    {
        var slot = _free;
        _free = _older[slot];
        var bucket = hash & _mask;
        while (_buckets[bucket].SlotPlusOne != 0)
            bucket = (bucket + 1) & _mask;
        _buckets[bucket] = new Bucket(hash, slot + 1);
        _hashes[slot] = hash;
        _entries[slot] = default;
        _entries[slot].Key = key;
        LinkMostRecent(slot);
        Count++;
        return slot;
    }

    /// <summary>Frees <paramref name="slot"/>.</summary>
    public void Remove(int slot)
    {
        var hole = _hashes[slot] & _mask;
        while (_buckets[hole].SlotPlusOne != slot + 1)
            hole = (hole + 1) & _mask;
        // Backward-shift deletion: pull later entries of the probe run into the hole unless that
        // would move one before its home bucket.
        for (var next = (hole + 1) & _mask; _buckets[next].SlotPlusOne != 0; next = (next + 1) & _mask)
        {
            var home = _buckets[next].Hash & _mask;
            var staysPut = hole <= next ? hole < home && home <= next : hole < home || home <= next;
            if (staysPut)
                continue;
            _buckets[hole] = _buckets[next];
            hole = next;
        }
        _buckets[hole] = default;
        Unlink(slot);
        _entries[slot] = default;
        _older[slot] = _free;
        _free = slot;
        Count--;
    }

    /// <summary>Marks <paramref name="slot"/> as the most recently seen.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Touch(int slot)
    {
        if (slot == _mostRecent)
            return;
        Unlink(slot);
        LinkMostRecent(slot);
    }

    private void LinkMostRecent(int slot)
    {
        _newer[slot] = None;
        _older[slot] = _mostRecent;
        if (_mostRecent != None)
            _newer[_mostRecent] = slot;
        _mostRecent = slot;
        if (_leastRecent == None)
            _leastRecent = slot;
    }

    private void Unlink(int slot)
    {
        var newer = _newer[slot];
        var older = _older[slot];
        if (newer != None)
            _older[newer] = older;
        else
            _mostRecent = older;
        if (older != None)
            _newer[older] = newer;
        else
            _leastRecent = newer;
    }

    /// <summary>One index bucket: an entry's hash and its slot + 1 (0 = empty).</summary>
    private readonly record struct Bucket(int Hash, int SlotPlusOne);
}
