namespace RustIds.Rules.Thresholds;

/// <summary>One threshold.config <c>rate_filter</c> line: change the rule's action for a while once a rate is exceeded.</summary>
/// <remarks>
/// When more than <see cref="Count"/> matches happen within <see cref="Seconds"/>, the match that exceeds the rate
/// and every match in the next <see cref="TimeoutSeconds"/> seconds get <see cref="NewAction"/>; then the rule's own action returns.
/// </remarks>
/// <param name="Track">by_src, by_dst, by_rule or by_both.</param>
/// <param name="Count">Matches tolerated per window (1 or more).</param>
/// <param name="Seconds">Window length in seconds of packet time (1 or more).</param>
/// <param name="NewAction">The action while the filter is active.</param>
/// <param name="TimeoutSeconds">How long the new action stays, in whole seconds of packet time (0 or more).</param>
public sealed record RateFilterSpec(ThresholdTrack Track, int Count, int Seconds, RateFilterAction NewAction, int TimeoutSeconds);
