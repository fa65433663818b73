namespace RustIds.Rules.Thresholds;

/// <summary>The <c>type</c> of a <c>threshold</c> option.</summary>
public enum ThresholdType : byte
{
    /// <summary>Alert on the first <c>count</c> matches of each window.</summary>
    Limit,

    /// <summary>Alert on every <c>count</c>-th match within a window.</summary>
    Threshold,

    /// <summary>Alert once per window, when the <c>count</c>-th match is reached.</summary>
    Both,

    /// <summary><c>detection_filter</c>: alert on every match once more than <c>count</c> were seen in the window.</summary>
    DetectionFilter,
}
