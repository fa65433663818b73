namespace RustIds.Rules.Thresholds;

/// <summary>The per-entry state machines of Suricata's thresholding (detect-engine-threshold.c), on packet-time ticks.</summary>
/// <remarks>
/// Each method gets the entry (fresh when <c>created</c>), updates its window and count, and refreshes
/// <see cref="ThresholdEntry.ExpiresAt"/> for eviction. A window holds matches with <c>now &lt; start + span</c>.
/// </remarks>
internal static class ThresholdRules
{
    /// <summary>type limit: the first <paramref name="count"/> matches of a window alert, later ones are silent matches.</summary>
    public static AlertDecision Limit(ref ThresholdEntry entry, bool created, int count, long span, long now, ThresholdCounters counters)
    {
        if (StartsWindow(ref entry, created, span, now, counters))
            return AlertDecision.Alert;
        entry.Count++;
        return entry.Count <= count ? AlertDecision.Alert : AlertDecision.SilentMatch;
    }

    /// <summary>type threshold: every <paramref name="count"/>-th match of a window alerts (the count restarts), others are suppressed.</summary>
    public static AlertDecision Threshold(ref ThresholdEntry entry, bool created, int count, long span, long now, ThresholdCounters counters)
    {
        if (!StartsWindow(ref entry, created, span, now, counters))
            entry.Count++;
        if (entry.Count < count)
            return AlertDecision.Suppress;
        entry.Count = 0;
        return AlertDecision.Alert;
    }

    /// <summary>type both: the <paramref name="count"/>-th match of a window alerts, earlier ones are suppressed, later ones silent.</summary>
    public static AlertDecision Both(ref ThresholdEntry entry, bool created, int count, long span, long now, ThresholdCounters counters)
    {
        if (!StartsWindow(ref entry, created, span, now, counters))
            entry.Count++;
        return entry.Count == count ? AlertDecision.Alert
            : entry.Count > count ? AlertDecision.SilentMatch
            : AlertDecision.Suppress;
    }

    /// <summary>detection_filter: true (alert) for every match after the <paramref name="count"/>-th of a window.</summary>
    public static bool DetectionFilter(ref ThresholdEntry entry, bool created, int count, long span, long now, ThresholdCounters counters)
    {
        if (StartsWindow(ref entry, created, span, now, counters))
            return false;
        entry.Count++;
        return entry.Count > count;
    }

    /// <summary>rate_filter: true while the new action is in force (from the match that exceeds the rate, for the timeout).</summary>
    public static bool RateFilterActive(ref ThresholdEntry entry, bool created, int count, long span, int timeoutSeconds, long now, ThresholdCounters counters)
    {
        if (created)
        {
            StartsWindow(ref entry, created, span, now, counters);
            return false;
        }
        var second = Second(now);
        if (entry.RateActive)
        {
            // Suricata: the action ends when more than `timeout` whole seconds passed; that match is not counted.
            if (second - entry.RateStartSecond > timeoutSeconds)
            {
                entry.RateActive = false;
                entry.ExpiresAt = SaturatingAdd(entry.WindowStart, span);
                return false;
            }
            return true;
        }
        if (StartsWindow(ref entry, created, span, now, counters))
            return false;
        entry.Count++;
        if (entry.Count <= count)
            return false;
        entry.RateActive = true;
        entry.RateStartSecond = second;
        var timeoutEnd = SaturatingAdd(second * TimeSpan.TicksPerSecond, (timeoutSeconds + 1L) * TimeSpan.TicksPerSecond);
        entry.ExpiresAt = Math.Max(entry.ExpiresAt, timeoutEnd);
        return true;
    }

    /// <summary>Starts a new window (count 1) when the entry is new or its window is over; otherwise leaves it for the caller to count.</summary>
    private static bool StartsWindow(ref ThresholdEntry entry, bool created, long span, long now, ThresholdCounters counters)
    {
        if (!created)
        {
            var elapsed = unchecked(now - entry.WindowStart);
            if (elapsed < 0)
            {
                counters.TimeWentBackwards++;
                return false;
            }
            if (elapsed < span)
                return false;
        }
        entry.WindowStart = now;
        entry.Count = 1;
        entry.ExpiresAt = SaturatingAdd(now, span);
        return true;
    }

    private static long Second(long ticks) => ticks >= 0 ? ticks / TimeSpan.TicksPerSecond : ((ticks + 1) / TimeSpan.TicksPerSecond) - 1;

    private static long SaturatingAdd(long value, long add)
    {
        var sum = unchecked(value + add);
        return add > 0 && sum < value ? long.MaxValue : sum;
    }
}
