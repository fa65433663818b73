namespace RustIds.Rules.Thresholds;

/// <summary>How a <c>threshold</c> (rule keyword or threshold.config line) turns matches into alerts.</summary>
/// <remarks>Suricata "Rule Thresholding"; <c>backoff</c> (Suricata 8) is not supported and is rejected by the parsers.</remarks>
public enum ThresholdType : byte
{
    /// <summary>Alert on the first <c>count</c> matches of each window, then stay silent until the window ends.</summary>
    Limit,

    /// <summary>Alert on every <c>count</c>-th match within a window (the counter restarts after each alert).</summary>
    Threshold,

    /// <summary>Alert once per window, on the <c>count</c>-th match; later matches in the window are silent.</summary>
    Both,
}
