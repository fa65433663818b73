namespace RustIds.Rules.Thresholds;

/// <summary>One tracked counter: its key, current window and rate_filter timeout, plus table links.</summary>
/// <remarks>Mutable struct kept in a preallocated array and handled by reference only.</remarks>
internal struct ThresholdEntry
{
    public ThresholdKey Key;

    /// <summary>Packet time (ticks) at which the current window started.</summary>
    public long WindowStart;

    /// <summary>Matches counted in the current window (64-bit, so it cannot wrap).</summary>
    public long Count;

    /// <summary>Whole second (packet time) at which the rate_filter action started; meaningful when <see cref="RateActive"/>.</summary>
    public long RateStartSecond;

    /// <summary>Packet time (ticks) from which nothing about this entry matters any more; used to prefer it for eviction.</summary>
    public long ExpiresAt;

    public int Hash;
    public int NextInBucket;
    public int NewerInLru;
    public int OlderInLru;
    public bool RateActive;
    public bool InUse;
}
