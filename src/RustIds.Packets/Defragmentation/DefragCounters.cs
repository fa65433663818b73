namespace RustIds.Packets.Defragmentation;

/// <summary>Fragments, reassemblies, overlaps, expiries and drops (by reason) of one <see cref="IpDefragmenter"/>.</summary>
/// <remarks>
/// One writer (the capture worker thread) increments plain fields; readers on other threads see values at most one
/// packet old, which is fine for counters (64-bit reads do not tear on x64/arm64).
/// </remarks>
public sealed class DefragCounters
{
    private const int ReasonCount = (int)DefragDropReason.MemcapExceeded + 1;

    private readonly long[] _dropped = new long[ReasonCount];
    private long _ipv4Fragments;
    private long _ipv6Fragments;
    private long _ipv4Reassembled;
    private long _ipv6Reassembled;
    private long _overlaps;
    private long _overlapConflicts;
    private long _timeouts;
    private long _evictedMemcap;
    private long _evictedTableFull;

    /// <summary>IPv4 fragments seen, dropped ones included.</summary>
    public long Ipv4Fragments => Volatile.Read(ref _ipv4Fragments);

    /// <summary>IPv6 fragments seen, dropped ones included.</summary>
    public long Ipv6Fragments => Volatile.Read(ref _ipv6Fragments);

    /// <summary>IPv4 datagrams reassembled and returned.</summary>
    public long Ipv4Reassembled => Volatile.Read(ref _ipv4Reassembled);

    /// <summary>IPv6 datagrams reassembled and returned.</summary>
    public long Ipv6Reassembled => Volatile.Read(ref _ipv6Reassembled);

    /// <summary>Fragments that overlapped bytes already held for their datagram (exact duplicates included).</summary>
    /// <remarks>Overlaps are forbidden for IPv6 (RFC 5722) and have no legitimate use in IPv4; Suricata raises <c>frag_overlap</c> for them.</remarks>
    public long Overlaps => Volatile.Read(ref _overlaps);

    /// <summary>Overlapping fragments whose overlapped bytes differ from the held ones: an evasion attempt, whatever the policy decided.</summary>
    public long OverlapConflicts => Volatile.Read(ref _overlapConflicts);

    /// <summary>Incomplete datagrams dropped after <see cref="DefragOptions.Timeout"/> of idle packet time.</summary>
    public long Timeouts => Volatile.Read(ref _timeouts);

    /// <summary>Incomplete datagrams evicted, least recently active first, to make room under <see cref="DefragOptions.MemcapBytes"/>.</summary>
    public long EvictedMemcap => Volatile.Read(ref _evictedMemcap);

    /// <summary>Incomplete datagrams evicted, least recently active first, because <see cref="DefragOptions.MaxDatagrams"/> were tracked.</summary>
    public long EvictedTableFull => Volatile.Read(ref _evictedTableFull);

    /// <summary>All drops, every reason together.</summary>
    public long Dropped
    {
        get
        {
            long total = 0;
            for (var i = 0; i < ReasonCount; i++)
                total += Volatile.Read(ref _dropped[i]);
            return total;
        }
    }

    /// <summary>Drops counted for <paramref name="reason"/>.</summary>
    public long DroppedFor(DefragDropReason reason) =>
        (uint)reason < ReasonCount ? Volatile.Read(ref _dropped[(int)reason]) : 0;

    internal void CountFragment(bool isV6)
    {
        if (isV6)
            _ipv6Fragments++;
        else
            _ipv4Fragments++;
    }

    internal void CountReassembled(bool isV6)
    {
        if (isV6)
            _ipv6Reassembled++;
        else
            _ipv4Reassembled++;
    }

    internal void CountDrop(DefragDropReason reason) => _dropped[(int)reason]++;

    internal void CountOverlap(bool conflicting)
    {
        _overlaps++;
        if (conflicting)
            _overlapConflicts++;
    }

    internal void CountTimeout() => _timeouts++;

    internal void CountEvictedMemcap() => _evictedMemcap++;

    internal void CountEvictedTableFull() => _evictedTableFull++;
}
