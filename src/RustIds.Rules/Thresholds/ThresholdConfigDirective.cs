namespace RustIds.Rules.Thresholds;

/// <summary>One valid threshold.config line.</summary>
/// <param name="Kind">Which directive.</param>
/// <param name="GenId">gen_id; 0 means every generator (only with sig_id 0).</param>
/// <param name="SigId">sig_id; 0 means every signature of the generator.</param>
/// <param name="Line">1-based line where the directive starts.</param>
/// <param name="Threshold">Set for <see cref="ThresholdDirectiveKind.Threshold"/>.</param>
/// <param name="Suppress">Set for <see cref="ThresholdDirectiveKind.Suppress"/>.</param>
/// <param name="RateFilter">Set for <see cref="ThresholdDirectiveKind.RateFilter"/>.</param>
public sealed record ThresholdConfigDirective(
    ThresholdDirectiveKind Kind, long GenId, long SigId, int Line,
    ThresholdSpec? Threshold, SuppressSpec? Suppress, RateFilterSpec? RateFilter)
{
    /// <summary>True when gen_id or sig_id is 0.</summary>
    public bool IsWildcard => GenId == 0 || SigId == 0;

    /// <summary>True when this line applies to the rule with <paramref name="gid"/> and <paramref name="sid"/>.</summary>
    /// <param name="gid">The rule's generator id.</param>
    /// <param name="sid">The rule's signature id.</param>
    public bool AppliesTo(long gid, long sid) =>
        (GenId == 0 && SigId == 0) || (GenId == gid && (SigId == 0 || SigId == sid));
}
