using RustIds.Packets;

namespace RustIds.Rules.Thresholds;

/// <summary>One worker's threshold and detection_filter counters, in packet time, with bounded memory.</summary>
/// <remarks>
/// <para>Suricata's semantics: a window opens at the first match of a key and lasts <c>seconds</c>; a match after it
/// opens a new one. limit alerts on the first <c>count</c> matches of a window; threshold on every <c>count</c>-th;
/// both once, at the <c>count</c>-th; detection_filter on every match after the first <c>count</c>.</para>
/// <para>At most <see cref="MaxEntries"/> keys are kept: when full, expired ones are dropped, and if none expired every
/// counter is reset (counted in <see cref="Evictions"/>), so a flood of sources cannot grow memory. Not thread-safe;
/// allocation-free once its table reached its working size.</para>
/// </remarks>
internal sealed class ThresholdState(int maxEntries = ThresholdState.MaxEntries)
{
    public const int MaxEntries = 100_000;

    private readonly Dictionary<ThresholdKey, Counter> _counters = new(Math.Min(maxEntries, 1024));
    private readonly List<ThresholdKey> _expired = [];

    /// <summary>Counters dropped because the table was full of live ones.</summary>
    public long Evictions { get; private set; }

    public int Count => _counters.Count;

    /// <summary>Counts a match of rule <paramref name="rule"/> and says whether it may alert (or, for a detection filter, match).</summary>
    public bool Allow(int rule, ThresholdSpec spec, IpAddr source, IpAddr destination, ulong flowId, long ticks)
    {
        var key = spec.Track switch
        {
            ThresholdTrack.BySource => new ThresholdKey(rule, source, default, 0),
            ThresholdTrack.ByDestination => new ThresholdKey(rule, destination, default, 0),
            ThresholdTrack.ByBoth => new ThresholdKey(rule, source, destination, 0),
            ThresholdTrack.ByFlow => new ThresholdKey(rule, default, default, flowId),
            _ => new ThresholdKey(rule, default, default, 0),
        };
        var window = spec.Seconds * TimeSpan.TicksPerSecond;
        ref var counter = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrNullRef(_counters, key);
        if (System.Runtime.CompilerServices.Unsafe.IsNullRef(ref counter) || ticks - counter.WindowStart >= window || ticks < counter.WindowStart)
        {
            if (System.Runtime.CompilerServices.Unsafe.IsNullRef(ref counter))
                MakeRoom(ticks);
            _counters[key] = new Counter(ticks, ticks + window, 1);
            return spec.Type switch
            {
                ThresholdType.DetectionFilter => spec.Count == 0,
                ThresholdType.Limit => spec.Count >= 1,
                _ => spec.Count <= 1,
            };
        }
        counter.Seen++;
        switch (spec.Type)
        {
            case ThresholdType.Limit:
                return counter.Seen <= spec.Count;
            case ThresholdType.Both:
                return counter.Seen == spec.Count;
            case ThresholdType.DetectionFilter:
                return counter.Seen > spec.Count;
            default:
                if (counter.Seen < spec.Count)
                    return false;
                counter.Seen = 0;
                return true;
        }
    }

    private void MakeRoom(long now)
    {
        if (_counters.Count < maxEntries)
            return;
        _expired.Clear();
        foreach (var (key, counter) in _counters)
        {
            if (counter.WindowEnd <= now)
                _expired.Add(key);
        }
        foreach (var key in _expired)
            _counters.Remove(key);
        if (_counters.Count >= maxEntries)
        {
            Evictions += _counters.Count;
            _counters.Clear();
        }
    }

    private struct Counter(long windowStart, long windowEnd, int seen)
    {
        public long WindowStart = windowStart;
        public long WindowEnd = windowEnd;
        public int Seen = seen;
    }
}
