namespace RustIds.Rules.Thresholds;

/// <summary>Builds one rule's <see cref="RuleThresholds"/> by replaying threshold.config statements the way Suricata installs them.</summary>
/// <remarks>
/// Suricata keeps one "threshold list" per signature holding the rule's threshold/detection_filter and config entries
/// (a rate_filter is stored like a detection_filter). Wildcard statements and specific rate_filters are added only to an
/// empty list; a specific threshold first removes the last threshold entry, or else the last detection_filter-like entry
/// (which may be a rate_filter). The list therefore never holds more than one entry unless the rule itself had two.
/// </remarks>
internal sealed class RuleThresholdMerge(ThresholdSpec? ruleThreshold, DetectionFilterSpec? ruleFilter)
{
    private readonly List<SuppressSpec> _suppress = [];
    private ThresholdSpec? _threshold = ruleThreshold;
    private DetectionFilterSpec? _filter = ruleFilter;
    private RateFilterSpec? _rate;

    private bool IsEmpty => _threshold is null && _filter is null && _rate is null;

    /// <summary>Applies one statement; false when a specific rate_filter had to be ignored.</summary>
    public bool Apply(ThresholdConfigDirective directive)
    {
        switch (directive.Kind)
        {
            case ThresholdDirectiveKind.Suppress:
                _suppress.Add(directive.Suppress!);
                return true;
            case ThresholdDirectiveKind.Threshold when directive.IsWildcard:
                if (IsEmpty)
                    _threshold = directive.Threshold;
                return true;
            case ThresholdDirectiveKind.Threshold:
                if (_threshold is not null)
                    _threshold = null;
                else if (_rate is not null)
                    _rate = null;
                else
                    _filter = null;
                _threshold = directive.Threshold;
                return true;
            default:
                if (!IsEmpty)
                    return directive.IsWildcard;
                _rate = directive.RateFilter;
                return true;
        }
    }

    public RuleThresholds Build() =>
        IsEmpty && _suppress.Count == 0 ? RuleThresholds.None : new RuleThresholds(_threshold, _filter, [.. _suppress], _rate);
}
