using System.Numerics;
using System.Runtime.CompilerServices;
using RustIds.Packets.Memory;

namespace RustIds.Packets;

/// <summary>The storage of the <see cref="FlowTracker"/>: a preallocated pool of flow entries, an open-addressing index over it, and recency lists.</summary>
/// <remarks>
/// Entries live in a fixed pool and never move, so a slot number identifies a flow for its whole life
/// and per-flow state elsewhere (streams, parsers) can be kept in arrays indexed by slot. The index is
/// linear probing at a load factor of at most 0.5 with backward-shift deletion (no tombstones, so
/// probe lengths do not decay as flows come and go). Each bucket holds its entry's hash beside the slot, so a
/// probe reads one cache line of the index and touches an entry only when the hash matches. One recency list per
/// timeout class (<see cref="ListCount"/>; the tracker says which list a flow belongs in) keeps the oldest idle flows
/// of each class at its tail, so expiry visits only flows that did expire: with one list, every sweep walked past the
/// thousands of established flows (300 s) lingering behind expired closed ones (10 s). Nothing is allocated after
/// construction. Everything lives in one native <see cref="TableMemory"/> on transparent huge pages: entries are touched
/// at random, and on 4 KiB pages each first touch was a page fault (2,000 per bench replay, with the lookups' TLB misses).
/// </remarks>
internal sealed unsafe class FlowTable
{
    /// <summary>Recency lists: one per timeout class.</summary>
    public const int ListCount = 4;

    private const int None = -1;

    // Keeps the mapping alive: every pointer below points into it.
    private readonly TableMemory _memory;
    private readonly Bucket* _buckets;
    private readonly int _mask;
    private readonly FlowEntry* _entries;
    private readonly int* _hashes;
    private readonly int* _newer;
    private readonly int* _older;
    private readonly byte* _list;
    private readonly int[] _mostRecent = [None, None, None, None];
    private readonly int[] _leastRecent = [None, None, None, None];
    private int _free;

    public FlowTable(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Capacity = capacity;
        var buckets = (long)BitOperations.RoundUpToPowerOf2((uint)capacity * 2);
        _mask = (int)(buckets - 1);
        _memory = new TableMemory(regionBytes: (buckets * sizeof(Bucket)) + ((long)capacity * (BytesPerSlot - (2 * sizeof(Bucket)))) + (8 * TableMemory.LineBytes));
        _buckets = _memory.Allocate<Bucket>(buckets);
        _entries = _memory.Allocate<FlowEntry>(capacity);
        _hashes = _memory.Allocate<int>(capacity);
        _newer = _memory.Allocate<int>(capacity);
        _older = _memory.Allocate<int>(capacity);
        _list = _memory.Allocate<byte>(capacity);
        // Free slots are chained through _older.
        for (var i = 0; i < capacity; i++)
            _older[i] = i + 1 < capacity ? i + 1 : None;
    }

    /// <summary>Approximate bytes one slot costs: the entry, its hash, its recency links and two index buckets.</summary>
    public static int BytesPerSlot => Unsafe.SizeOf<FlowEntry>() + 3 * sizeof(int) + 1 + 2 * Unsafe.SizeOf<Bucket>();

    public int Capacity { get; }

    public int Count { get; private set; }

    /// <summary>One past the highest slot ever handed out: the slots from here on have never held a flow (their memory never touched).</summary>
    /// <remarks>Free slots are reused lowest-first until the table has been full once, so this follows the peak flow count.</remarks>
    public int SlotsEverUsed { get; private set; }

    /// <summary>The least recently touched slot of recency list <paramref name="list"/>, or -1 when it is empty.</summary>
    public int LeastRecentIn(int list) => _leastRecent[list];

    public ref FlowEntry this[int slot] => ref _entries[slot];

    /// <summary>Starts loading the entry in <paramref name="slot"/> (its three cache lines), for a read a little later.</summary>
    public void Prefetch(int slot) => CacheLines.Prefetch(_entries + slot, sizeof(FlowEntry));

    /// <summary>The slot touched after <paramref name="slot"/> in its recency list, or -1 when it is the most recent.</summary>
    public int NewerInList(int slot) => _newer[slot];

    /// <summary>The recency list <paramref name="slot"/> is in.</summary>
    public int ListOf(int slot) => _list[slot];

    /// <summary>The first slot of a walk over every flow (list by list, each from its least recent), or -1.</summary>
    public int First() => FirstFrom(0);

    /// <summary>The slot after <paramref name="slot"/> in that walk, or -1 after the last.</summary>
    public int Next(int slot) => _newer[slot] != None ? _newer[slot] : FirstFrom(_list[slot] + 1);

    private int FirstFrom(int list)
    {
        for (; list < ListCount; list++)
        {
            if (_leastRecent[list] != None)
                return _leastRecent[list];
        }
        return None;
    }

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

    /// <summary>Takes a free slot for <paramref name="key"/> (absent, and the table not full) and makes it the most recent of list 0.</summary>
    public int Add(in FlowKey key, int hash)
    {
        var slot = _free;
        _free = _older[slot];
        if (slot >= SlotsEverUsed)
            SlotsEverUsed = slot + 1;
        var bucket = hash & _mask;
        while (_buckets[bucket].SlotPlusOne != 0)
            bucket = (bucket + 1) & _mask;
        _buckets[bucket] = new Bucket(hash, slot + 1);
        _hashes[slot] = hash;
        _entries[slot] = default;
        _entries[slot].Key = key;
        _list[slot] = 0;
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

    /// <summary>Marks <paramref name="slot"/> as the most recently seen of recency list <paramref name="list"/> (moving it there from its list).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Touch(int slot, int list)
    {
        if (slot == _mostRecent[list] && _list[slot] == list)
            return;
        Unlink(slot);
        _list[slot] = (byte)list;
        LinkMostRecent(slot);
    }

    private void LinkMostRecent(int slot)
    {
        var list = _list[slot];
        _newer[slot] = None;
        _older[slot] = _mostRecent[list];
        if (_mostRecent[list] != None)
            _newer[_mostRecent[list]] = slot;
        _mostRecent[list] = slot;
        if (_leastRecent[list] == None)
            _leastRecent[list] = slot;
    }

    private void Unlink(int slot)
    {
        var list = _list[slot];
        var newer = _newer[slot];
        var older = _older[slot];
        if (newer != None)
            _older[newer] = older;
        else
            _mostRecent[list] = older;
        if (older != None)
            _newer[older] = newer;
        else
            _leastRecent[list] = newer;
    }

    /// <summary>One index bucket: an entry's hash and its slot + 1 (0 = empty).</summary>
    private readonly record struct Bucket(int Hash, int SlotPlusOne);
}
