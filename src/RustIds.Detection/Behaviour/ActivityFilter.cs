using RustIds.Packets.Memory;
namespace RustIds.Detection.Behaviour;

/// <summary>
/// Lets only busy keys through to the exact per-key tables: a saturating byte counter per hash bucket, cleared
/// every window, that says yes once a key's bucket has seen <c>promoteAt</c> events in the window.
/// </summary>
/// <remarks>
/// Most sources open a few connections and are never near a threshold; with this in front, they cost one
/// increment in a 64 KiB array instead of a table entry of their own. A key
/// that crosses is counted exactly from then on, so a detector reports at most <c>promoteAt</c> events late.
/// Buckets shared by several keys only promote earlier, never later: the filter can cost speed, not detections.
/// </remarks>
public sealed unsafe class ActivityFilter
{
    private const int Buckets = 1 << 16;

    private readonly TableMemory _memory;
    private readonly byte* _counts;
    private readonly byte _promoteAt;
    private readonly long _windowTicks;
    private long _windowStart;

    /// <param name="promoteAt">Events in a window after which a key is let through (1–255).</param>
    /// <param name="window">How long counts last; at most the shortest window of the detectors behind it.</param>
    public ActivityFilter(int promoteAt, TimeSpan window)
        : this(promoteAt, window, null)
    {
    }

    /// <param name="promoteAt">Events in a window after which a key is let through (1–255).</param>
    /// <param name="window">How long counts last; at most the shortest window of the detectors behind it.</param>
    /// <param name="memory">Where the counters live; memory of its own when null.</param>
    internal ActivityFilter(int promoteAt, TimeSpan window, TableMemory? memory)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(promoteAt, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(promoteAt, 255);
        _promoteAt = (byte)promoteAt;
        _windowTicks = Math.Max(1, window.Ticks);
        _memory = memory ?? new TableMemory(Buckets);
        _counts = (byte*)_memory.Allocate(Buckets);
    }

    public long MemoryBytes => Buckets;

    /// <summary>Starts loading the counter of the key with <paramref name="hash"/>, for a <see cref="Count"/> a little later.</summary>
    public void Prefetch(ulong hash) => CacheLines.Prefetch(_counts + (hash >> 48));

    /// <summary>Whether the key with <paramref name="hash"/> is busy in the current window, without counting an event.</summary>
    public bool IsBusy(ulong hash, long nowTicks) => nowTicks - _windowStart < _windowTicks && _counts[hash >> 48] >= _promoteAt;

    /// <summary>Counts one event of the key with <paramref name="hash"/> at packet time <paramref name="nowTicks"/>; true once the key is busy.</summary>
    public bool Count(ulong hash, long nowTicks)
    {
        if (TimeWindow.Restart(ref _windowStart, nowTicks, _windowTicks))
            new Span<byte>(_counts, Buckets).Clear();
        ref var count = ref _counts[hash >> 48];
        if (count < byte.MaxValue)
            count++;
        return count >= _promoteAt;
    }
}
