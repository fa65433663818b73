using System.Numerics;

namespace RustIds.Rules.Thresholds;

/// <summary>Fixed-capacity hash table of <see cref="ThresholdEntry"/> with least-recently-used order, allocated once.</summary>
/// <remarks>
/// Chained buckets over index links into one preallocated array; a doubly linked LRU list through the same entries.
/// Entries never used yet are handed out in order, so the array's pages are touched only as entries are needed (a
/// rule set without thresholds never touches the ~8 MB of the default 100,000). Lookups and insertions allocate nothing. When full, the oldest <c>scanLimit</c> entries are checked for an expired
/// one to reuse, else the oldest is evicted. Not thread-safe.
/// </remarks>
internal sealed class ThresholdTable
{
    private const int None = -1;

    private readonly ThresholdEntry[] _entries;

    // Each bucket holds its first entry's index + 1, so a fresh (zeroed) array is empty and its pages are not touched
    // before a threshold rule needs them.
    private readonly int[] _buckets;
    private readonly int _bucketMask;
    private readonly int _scanLimit;
    private readonly ThresholdCounters _counters;
    private int _freeHead = None;
    private int _neverUsed;
    private int _newest = None;
    private int _oldest = None;

    public ThresholdTable(int capacity, int scanLimit, ThresholdCounters counters)
    {
        _entries = new ThresholdEntry[capacity];
        var bucketCount = (int)BitOperations.RoundUpToPowerOf2((uint)capacity);
        _buckets = new int[bucketCount];
        _bucketMask = bucketCount - 1;
        _scanLimit = scanLimit;
        _counters = counters;
    }

    public int Count { get; private set; }

    public int Capacity => _entries.Length;

    /// <summary>Finds the entry for <paramref name="key"/> or makes one (evicting if full); <paramref name="created"/> says which.</summary>
    public ref ThresholdEntry FindOrAdd(in ThresholdKey key, long now, out bool created)
    {
        var hash = key.GetHashCode();
        for (var i = _buckets[hash & _bucketMask] - 1; i != None; i = _entries[i].NextInBucket)
        {
            ref var entry = ref _entries[i];
            if (entry.Hash == hash && entry.Key.Equals(key))
            {
                MoveToNewest(i);
                created = false;
                return ref entry;
            }
        }
        var index = _freeHead != None || _neverUsed < _entries.Length ? TakeFree() : Evict(now);
        ref var fresh = ref _entries[index];
        fresh = default;
        fresh.Key = key;
        fresh.Hash = hash;
        fresh.InUse = true;
        // Re-read the bucket: eviction may have unlinked an entry from this very chain.
        ref var head = ref _buckets[hash & _bucketMask];
        fresh.NextInBucket = head - 1;
        head = index + 1;
        LinkNewest(index);
        Count++;
        _counters.EntriesCreated++;
        created = true;
        return ref fresh;
    }

    private int TakeFree()
    {
        if (_freeHead == None)
            return _neverUsed++;
        var index = _freeHead;
        _freeHead = _entries[index].NextInBucket;
        return index;
    }

    private int Evict(long now)
    {
        var victim = _oldest;
        var scanned = 0;
        for (var i = _oldest; i != None && scanned < _scanLimit; i = _entries[i].NewerInLru, scanned++)
        {
            if (now >= _entries[i].ExpiresAt)
            {
                victim = i;
                break;
            }
        }
        if (now >= _entries[victim].ExpiresAt)
            _counters.EvictedExpired++;
        else
            _counters.EvictedLive++;
        Remove(victim);
        return TakeFree();
    }

    private void Remove(int index)
    {
        ref var entry = ref _entries[index];
        ref var head = ref _buckets[entry.Hash & _bucketMask];
        if (head - 1 == index)
        {
            head = entry.NextInBucket + 1;
        }
        else
        {
            var before = head - 1;
            while (_entries[before].NextInBucket != index)
                before = _entries[before].NextInBucket;
            _entries[before].NextInBucket = entry.NextInBucket;
        }
        Unlink(index);
        entry.InUse = false;
        entry.NextInBucket = _freeHead;
        _freeHead = index;
        Count--;
    }

    private void MoveToNewest(int index)
    {
        if (_newest == index)
            return;
        Unlink(index);
        LinkNewest(index);
    }

    private void LinkNewest(int index)
    {
        ref var entry = ref _entries[index];
        entry.OlderInLru = _newest;
        entry.NewerInLru = None;
        if (_newest != None)
            _entries[_newest].NewerInLru = index;
        _newest = index;
        if (_oldest == None)
            _oldest = index;
    }

    private void Unlink(int index)
    {
        ref var entry = ref _entries[index];
        if (entry.OlderInLru != None)
            _entries[entry.OlderInLru].NewerInLru = entry.NewerInLru;
        else
            _oldest = entry.NewerInLru;
        if (entry.NewerInLru != None)
            _entries[entry.NewerInLru].OlderInLru = entry.OlderInLru;
        else
            _newest = entry.OlderInLru;
        entry.OlderInLru = None;
        entry.NewerInLru = None;
    }
}
