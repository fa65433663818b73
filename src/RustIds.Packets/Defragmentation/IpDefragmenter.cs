namespace RustIds.Packets.Defragmentation;

/// <summary>Reassembles fragmented IPv4 and IPv6 datagrams so the decoder and rules see whole datagrams.</summary>
/// <remarks>
/// <para>Fragments are keyed by source, destination, identification, protocol (IPv4 only) and VLAN
/// (<see cref="DatagramKey"/>). Overlaps are resolved by <see cref="DefragOptions.Policy"/> and counted; limits
/// (memory, fragments per datagram, datagrams, idle timeout in packet time, datagram size) come from
/// <see cref="DefragOptions"/>, and malformed fragments are dropped and counted by <see cref="DefragDropReason"/>.</para>
/// <para>The reassembled datagram carries the header of the fragment that owns offset 0: IPv4 with more-fragments and
/// offset cleared, total length set and header checksum recomputed (DF kept); IPv6 with its unfragmentable extension
/// headers, the fragment header removed, the header before it naming the fragment's next header, and the payload
/// length set. This class only decides what is inspected; what happens to the fragments on the wire is the caller's.</para>
/// <para>Never throws on packet bytes and never allocates after warm-up: trackers, hash index and output buffer
/// are allocated by the constructor, fragment data goes into pages rented in slabs up to the memory cap and reused.</para>
/// <para>Not thread-safe by design: one instance per capture worker thread, like the flow table.</para>
/// </remarks>
public sealed class IpDefragmenter
{
    /// <summary>Room kept per datagram for the first fragment's header: IPv4 with options, or IPv6 with unfragmentable extension headers.</summary>
    public const int MaxHeaderBytes = 256;

    /// <summary>Memory one page costs against <see cref="DefragOptions.MemcapBytes"/>: 1 KiB of data plus its ownership map.</summary>
    public const int PageBytes = FragmentPagePool.PageSize + (FragmentPagePool.BlocksPerPage * 4);

    private readonly DefragOptions _options;
    private readonly FragmentPagePool _pool;
    private readonly TrackerTable _table;
    private readonly byte[] _output = new byte[MaxHeaderBytes + 65535];
    private readonly long _timeoutTicks;

    /// <summary>Allocates the tracker table and output buffer for <paramref name="options"/> (defaults when null).</summary>
    /// <exception cref="ArgumentException">An option is out of range; the message lists every problem.</exception>
    public IpDefragmenter(DefragOptions? options = null)
    {
        _options = options ?? DefragOptions.Default;
        var problems = _options.Validate();
        if (problems.Count > 0)
            throw new ArgumentException("Invalid defragmentation options: " + string.Join(" ", problems), nameof(options));
        _pool = new FragmentPagePool((int)(_options.MemcapBytes / PageBytes));
        _table = new TrackerTable(_options.MaxDatagrams, PagesFor(_options.MaxReassembledLength));
        _timeoutTicks = _options.Timeout.Ticks;
    }

    /// <summary>Fragments, reassemblies, overlaps, expiries and drops of this instance.</summary>
    public DefragCounters Counters { get; } = new();

    /// <summary>The validated options this instance was built with.</summary>
    public DefragOptions Options => _options;

    /// <summary>Incomplete datagrams held now.</summary>
    public int ActiveDatagrams => _table.Count;

    /// <summary>Memory held by incomplete datagrams now, in bytes, counted as <see cref="DefragOptions.MemcapBytes"/> counts it.</summary>
    public long HeldBytes => (long)_pool.InUse * PageBytes;

    /// <summary>Stores a fragment and returns the reassembled datagram once the last missing piece arrives.</summary>
    /// <param name="datagram">One IP packet starting at its IPv4/IPv6 header (trailing padding is trimmed by the length fields).</param>
    /// <param name="timestampTicks">Packet time in UTC ticks of 100 ns; drives <see cref="DefragOptions.Timeout"/>.</param>
    /// <param name="vlanId">VLAN of the frame, part of the reassembly key (0 without VLAN).</param>
    /// <param name="reassembled">With <see cref="DefragResult.Reassembled"/>: the whole datagram, in a buffer owned by this
    /// instance and valid until the next call; empty otherwise.</param>
    public DefragResult Process(ReadOnlySpan<byte> datagram, long timestampTicks, ushort vlanId, out ReadOnlySpan<byte> reassembled)
    {
        reassembled = default;
        var parsed = FragmentParser.Parse(datagram, _options.MaxReassembledLength, out var fragment, out var reason);
        if (parsed == DefragResult.NotFragment)
            return DefragResult.NotFragment;
        Counters.CountFragment(datagram[0] >> 4 == 6);
        if (parsed == DefragResult.Dropped)
            return Drop(reason);

        Expire(timestampTicks);
        var key = new DatagramKey(fragment.Source, fragment.Destination, fragment.Identification, fragment.IsV6 ? (byte)0 : fragment.Protocol, vlanId);
        var hash = key.GetHashCode();
        var slot = _table.Find(key, hash);
        if (slot < 0)
        {
            if (_table.IsFull)
            {
                Release(_table.Oldest);
                Counters.CountEvictedTableFull();
            }
            slot = _table.Add(key, hash, fragment.IsV6, timestampTicks);
        }

        var tracker = _table[slot];
        if (!TryInsert(slot, tracker, fragment, out reason))
        {
            // A contradictory end or a flood of fragments condemns the whole datagram, as in Linux's ip_frag_queue: keeping
            // the rest would let later fragments complete a datagram the host has already thrown away.
            if (tracker.FragmentCount == 0 || reason is DefragDropReason.TooManyFragments or DefragDropReason.ConflictingLast)
                Release(slot);
            return Drop(reason);
        }
        _table.Touch(slot, timestampTicks);
        if (tracker.KnownEnd < 0 || tracker.CoveredBytes != tracker.KnownEnd)
            return DefragResult.Held;

        var isV6 = tracker.IsV6;
        var length = DatagramWriter.Write(tracker, _pool, _options.MaxReassembledLength, _output);
        Release(slot);
        if (length < 0)
            return Drop(DefragDropReason.TooLarge);
        Counters.CountReassembled(isV6);
        reassembled = _output.AsSpan(0, length);
        return DefragResult.Reassembled;
    }

    /// <summary>Drops incomplete datagrams whose last fragment is older than <see cref="DefragOptions.Timeout"/> at <paramref name="nowTicks"/>.</summary>
    /// <param name="nowTicks">Current packet time in UTC ticks; <see cref="Process"/> calls this itself with each fragment's time.</param>
    /// <returns>How many datagrams were dropped (also counted in <see cref="DefragCounters.Timeouts"/>).</returns>
    public int Expire(long nowTicks)
    {
        var expired = 0;
        // The recency list is ordered by last activity, so the walk stops at the first datagram still in time.
        for (var slot = _table.Oldest; slot >= 0 && nowTicks - _table[slot].LastSeenTicks > _timeoutTicks; slot = _table.Oldest)
        {
            Release(slot);
            Counters.CountTimeout();
            expired++;
        }
        return expired;
    }

    /// <summary>Pages needed for a fragmentable part of <paramref name="length"/> bytes.</summary>
    internal static int PagesFor(int length) => (length + FragmentPagePool.PageSize - 1) / FragmentPagePool.PageSize;

    private bool TryInsert(int slot, DatagramTracker tracker, in ParsedFragment fragment, out DefragDropReason reason)
    {
        var start = fragment.Offset;
        var end = fragment.End;
        reason = default;
        if (tracker.FragmentCount >= _options.MaxFragmentsPerDatagram)
            reason = DefragDropReason.TooManyFragments;
        else if (fragment.MoreFragments ? tracker.KnownEnd >= 0 && end > tracker.KnownEnd : (tracker.KnownEnd >= 0 && end != tracker.KnownEnd) || end < tracker.MaxEnd)
            reason = DefragDropReason.ConflictingLast;
        else if (!TryReservePages(slot, tracker, start, end))
            reason = DefragDropReason.MemcapExceeded;
        else
        {
            var ownsStart = FragmentWriter.Write(tracker, _pool, _options.Policy, fragment, out var overlap, out var conflict);
            tracker.FragmentCount++;
            tracker.MaxEnd = Math.Max(tracker.MaxEnd, end);
            if (!fragment.MoreFragments)
                tracker.KnownEnd = end;
            if (ownsStart)
                FragmentWriter.StoreHeader(tracker, fragment);
            if (overlap)
                Counters.CountOverlap(conflict);
            return true;
        }
        return false;
    }

    /// <summary>Rents the pages [start, end) needs, evicting the least recently active other datagrams while the pool is short.</summary>
    private bool TryReservePages(int slot, DatagramTracker tracker, int start, int end)
    {
        int firstPage = start / FragmentPagePool.PageSize, lastPage = (end - 1) / FragmentPagePool.PageSize;
        var needed = 0;
        for (var page = firstPage; page <= lastPage; page++)
        {
            if (tracker.Pages[page] < 0)
                needed++;
        }
        while (_pool.Available < needed)
        {
            var victim = _table.Oldest;
            if (victim == slot)
                victim = tracker.Newer;
            if (victim < 0)
                return false;
            Release(victim);
            Counters.CountEvictedMemcap();
        }
        for (var page = firstPage; page <= lastPage; page++)
        {
            if (tracker.Pages[page] < 0)
            {
                tracker.Pages[page] = _pool.Rent();
                tracker.PagesUsed++;
            }
        }
        return true;
    }

    private void Release(int slot)
    {
        var tracker = _table[slot];
        var pages = tracker.Pages;
        for (var i = 0; i < pages.Length && tracker.PagesUsed > 0; i++)
        {
            if (pages[i] >= 0)
            {
                _pool.Return(pages[i]);
                pages[i] = -1;
                tracker.PagesUsed--;
            }
        }
        _table.Remove(slot);
    }

    private DefragResult Drop(DefragDropReason reason)
    {
        Counters.CountDrop(reason);
        return DefragResult.Dropped;
    }
}
