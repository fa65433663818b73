namespace RustIds.Rules.Thresholds;

/// <summary>Which of a rule's filters a counter belongs to, so a rule's detection_filter, threshold and rate_filter never share state.</summary>
internal enum ThresholdSlot : byte
{
    DetectionFilter,
    Threshold,
    RateFilter,
}
