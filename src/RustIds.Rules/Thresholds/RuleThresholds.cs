namespace RustIds.Rules.Thresholds;

/// <summary>Everything that rate-controls one rule, merged at rule-set compile time from its keywords and threshold.config.</summary>
/// <remarks>
/// Built by <see cref="ThresholdConfig.For(long, long, ThresholdSpec?, DetectionFilterSpec?)"/>, which follows Suricata's merge:
/// at most one of <see cref="Threshold"/>, <see cref="DetectionFilter"/> and <see cref="RateFilter"/> is set.
/// <see cref="ThresholdState.Decide"/> still accepts any combination and evaluates detection_filter, threshold, then rate_filter.
/// Immutable; share one instance per rule across workers.
/// </remarks>
/// <param name="Threshold">The effective threshold (config overrides the rule's own), or null.</param>
/// <param name="DetectionFilter">The rule's detection_filter, or null.</param>
/// <param name="Suppress">Suppress lines that apply to the rule, in file order (empty when none).</param>
/// <param name="RateFilter">The effective rate_filter, or null.</param>
public sealed record RuleThresholds(ThresholdSpec? Threshold, DetectionFilterSpec? DetectionFilter, SuppressSpec[] Suppress, RateFilterSpec? RateFilter)
{
    /// <summary>No threshold, filter or suppression: every match alerts.</summary>
    public static RuleThresholds None { get; } = new(null, null, [], null);

    /// <summary>True when nothing applies, so <see cref="ThresholdState.Decide"/> can return at once.</summary>
    public bool IsEmpty => Threshold is null && DetectionFilter is null && RateFilter is null && Suppress.Length == 0;
}
