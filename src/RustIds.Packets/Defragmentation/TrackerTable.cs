namespace RustIds.Packets.Defragmentation;

/// <summary>Fixed-size table of datagram trackers: a chained hash index by key and a list from least to most recently active.</summary>
/// <remarks>
/// All links are slot indices into arrays allocated once, so lookups and removals never allocate. A slot's tracker is
/// built the first time the slot is used and kept; freed slots are reused first, so trackers exist only up to the most
/// datagrams ever incomplete at once, not for the whole capacity before the first packet (1 MB, 270 page faults at
/// start). Not thread-safe.
/// </remarks>
internal sealed class TrackerTable
{
    private readonly DatagramTracker[] _slots;
    private readonly int[] _buckets;
    private readonly int[] _free;
    private readonly int _bucketMask;
    private readonly int _pagesPerDatagram;
    private int _freeCount;
    private int _oldest = -1;
    private int _newest = -1;

    public TrackerTable(int capacity, int pagesPerDatagram)
    {
        _slots = new DatagramTracker[capacity];
        _free = new int[capacity];
        for (var i = 0; i < capacity; i++)
        {
            _free[i] = capacity - 1 - i;
        }
        _freeCount = capacity;
        _pagesPerDatagram = pagesPerDatagram;
        // Twice as many buckets as slots keeps chains short; a power of two makes the index a mask.
        var buckets = (int)Math.Min(1u << 30, System.Numerics.BitOperations.RoundUpToPowerOf2((uint)capacity * 2));
        _buckets = new int[buckets];
        _buckets.AsSpan().Fill(-1);
        _bucketMask = buckets - 1;
    }

    public int Count => _slots.Length - _freeCount;

    public bool IsFull => _freeCount == 0;

    /// <summary>Slot of the least recently active datagram, or -1 when the table is empty.</summary>
    public int Oldest => _oldest;

    public DatagramTracker this[int slot] => _slots[slot];

    /// <summary>Slot of the datagram with <paramref name="key"/>, or -1.</summary>
    public int Find(in DatagramKey key, int hash)
    {
        for (var slot = _buckets[hash & _bucketMask]; slot >= 0; slot = _slots[slot].NextInBucket)
        {
            var tracker = _slots[slot];
            if (tracker.Hash == hash && tracker.Key.Equals(key))
                return slot;
        }
        return -1;
    }

    /// <summary>Takes a free slot for <paramref name="key"/> as the most recently active datagram; the table must not be full.</summary>
    public int Add(in DatagramKey key, int hash, bool isV6, long timestampTicks)
    {
        var slot = _free[--_freeCount];
        var tracker = _slots[slot] ??= new DatagramTracker(_pagesPerDatagram);
        tracker.InUse = true;
        tracker.Key = key;
        tracker.Hash = hash;
        tracker.IsV6 = isV6;
        tracker.LastSeenTicks = timestampTicks;
        ref var bucket = ref _buckets[hash & _bucketMask];
        tracker.NextInBucket = bucket;
        bucket = slot;
        LinkNewest(slot);
        return slot;
    }

    /// <summary>Marks the datagram as the most recently active.</summary>
    public void Touch(int slot, long timestampTicks)
    {
        var tracker = _slots[slot];
        // Packet time may step back a little (several capture queues); never move a datagram's clock backwards.
        if (timestampTicks > tracker.LastSeenTicks)
            tracker.LastSeenTicks = timestampTicks;
        if (slot == _newest)
            return;
        Unlink(slot);
        LinkNewest(slot);
    }

    /// <summary>Unlinks the datagram and frees its slot; the caller has returned its pages.</summary>
    public void Remove(int slot)
    {
        var tracker = _slots[slot];
        ref var link = ref _buckets[tracker.Hash & _bucketMask];
        while (link != slot)
            link = ref _slots[link].NextInBucket;
        link = tracker.NextInBucket;
        Unlink(slot);
        tracker.Reset();
        _free[_freeCount++] = slot;
    }

    private void LinkNewest(int slot)
    {
        var tracker = _slots[slot];
        tracker.Older = _newest;
        tracker.Newer = -1;
        if (_newest >= 0)
            _slots[_newest].Newer = slot;
        else
            _oldest = slot;
        _newest = slot;
    }

    private void Unlink(int slot)
    {
        var tracker = _slots[slot];
        if (tracker.Older >= 0)
            _slots[tracker.Older].Newer = tracker.Newer;
        else
            _oldest = tracker.Newer;
        if (tracker.Newer >= 0)
            _slots[tracker.Newer].Older = tracker.Older;
        else
            _newest = tracker.Older;
        tracker.Older = -1;
        tracker.Newer = -1;
    }
}
