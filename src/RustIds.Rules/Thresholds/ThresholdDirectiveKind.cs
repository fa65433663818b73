namespace RustIds.Rules.Thresholds;

/// <summary>The keyword that starts a threshold.config line.</summary>
public enum ThresholdDirectiveKind : byte
{
    /// <summary><c>threshold</c> or <c>event_filter</c> (same meaning).</summary>
    Threshold,

    /// <summary><c>suppress</c>.</summary>
    Suppress,

    /// <summary><c>rate_filter</c>.</summary>
    RateFilter,
}
