namespace RustIds.Rules.Thresholds;

/// <summary>What one worker's <see cref="ThresholdState"/> decided and how its table behaved, as plain counters.</summary>
/// <remarks>Not thread-safe: one writer thread (the worker); readers tolerate torn snapshots.</remarks>
public sealed class ThresholdCounters
{
    /// <summary>Calls to <see cref="ThresholdState.Decide"/>.</summary>
    public long Decisions;

    /// <summary>Decisions <see cref="AlertDecision.Alert"/>.</summary>
    public long Alerts;

    /// <summary>Decisions <see cref="AlertDecision.Suppress"/> (threshold not reached, detection_filter not exceeded).</summary>
    public long Suppressed;

    /// <summary>Decisions <see cref="AlertDecision.SilentMatch"/> (limit/both past count, suppress by address, noalert).</summary>
    public long SilentMatches;

    /// <summary>Of the silent matches, those caused by a suppress line with an address list.</summary>
    public long SuppressedByAddress;

    /// <summary>Of the silent matches, those caused by a suppress line without an address (noalert).</summary>
    public long NoAlert;

    /// <summary>Decisions where a rate_filter action was in force (drop, pass, reject or alert-only).</summary>
    public long RateFilterActions;

    /// <summary>Matches on packets without an IPv4/IPv6 source; they alert unfiltered, as in Suricata.</summary>
    public long NonIpMatches;

    /// <summary>Packet timestamps earlier than the window start of the entry they hit (out-of-order capture); treated as inside the window.</summary>
    public long TimeWentBackwards;

    /// <summary>Specs with a count or seconds below 1, a negative timeout or an unknown enum value; such a spec is skipped.</summary>
    public long InvalidSpecs;

    /// <summary>Tracking entries created.</summary>
    public long EntriesCreated;

    /// <summary>Entries evicted because the table was full and they had expired.</summary>
    public long EvictedExpired;

    /// <summary>Entries evicted because the table was full and none of the oldest had expired (state lost early).</summary>
    public long EvictedLive;
}
