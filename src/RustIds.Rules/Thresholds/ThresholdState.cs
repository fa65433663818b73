using RustIds.Packets;

namespace RustIds.Rules.Thresholds;

/// <summary>Threshold, detection_filter, suppress and rate_filter state of one capture worker: turns rule matches into alert decisions.</summary>
/// <remarks>
/// <para>Time is packet time (UTC ticks of 100 ns) so a replayed capture decides exactly as live traffic did. A window
/// started at <c>t</c> holds matches with time &lt; <c>t + seconds</c>; the match at exactly <c>t + seconds</c> starts a new one.
/// rate_filter timeouts are compared in whole seconds as Suricata does.</para>
/// <para>Memory is bounded by <see cref="ThresholdStateOptions.MaxEntries"/>, preallocated; <see cref="Decide"/> allocates
/// nothing and never throws on packet data. Not thread-safe: one instance per capture worker thread.</para>
/// </remarks>
public sealed class ThresholdState
{
    private readonly ThresholdTable _table;

    /// <summary>Creates the state and preallocates its table.</summary>
    /// <param name="options">Limits; <see cref="ThresholdStateOptions.Default"/> when null.</param>
    /// <exception cref="ArgumentException">The options are invalid (every problem is listed).</exception>
    public ThresholdState(ThresholdStateOptions? options = null)
    {
        Options = options ?? ThresholdStateOptions.Default;
        var problems = Options.Validate();
        if (problems.Count > 0)
            throw new ArgumentException(string.Join(" ", problems), nameof(options));
        _table = new ThresholdTable(Options.MaxEntries, Options.EvictionScanLimit, Counters);
    }

    /// <summary>The limits in use.</summary>
    public ThresholdStateOptions Options { get; }

    /// <summary>What this state decided and how its table behaved.</summary>
    public ThresholdCounters Counters { get; } = new();

    /// <summary>Tracking entries currently held (never more than <see cref="ThresholdStateOptions.MaxEntries"/>).</summary>
    public int EntryCount => _table.Count;

    /// <summary>Decides what a match of rule <paramref name="ruleIndex"/> becomes, updating its counters.</summary>
    /// <remarks>
    /// Suricata's order (detect-engine-alert.c): packets that are not IPv4/IPv6 alert unfiltered; suppress lines with an
    /// address list come first (a hit is a silent match and stops there); then the detection_filter, the threshold and the
    /// rate_filter, each stopping the evaluation unless it lets the alert through; a plain suppress ("noalert") finally turns an
    /// alert into a silent match, after the counters were updated.
    /// </remarks>
    /// <param name="ruleIndex">Dense index of the rule in the compiled set (part of the tracking key).</param>
    /// <param name="thresholds">The rule's merged thresholds from <see cref="ThresholdConfig.For(long, long, ThresholdSpec?, DetectionFilterSpec?)"/>.</param>
    /// <param name="source">Source address of the packet.</param>
    /// <param name="destination">Destination address of the packet.</param>
    /// <param name="flowId">Flow id of the packet (used by by_flow tracking).</param>
    /// <param name="timestampTicks">Packet time in UTC ticks.</param>
    public AlertDecision Decide(int ruleIndex, in RuleThresholds thresholds, IpAddr source, IpAddr destination, ulong flowId, long timestampTicks)
    {
        Counters.Decisions++;
        if (thresholds is null || thresholds.IsEmpty)
            return Count(AlertDecision.Alert);
        var noAlert = false;
        foreach (var suppress in thresholds.Suppress)
            noAlert |= suppress.Track == SuppressTrack.Rule;
        AlertDecision decision;
        if (!source.IsV4 && !source.IsV6)
        {
            Counters.NonIpMatches++;
            decision = AlertDecision.Alert;
        }
        else
        {
            decision = Evaluate(ruleIndex, thresholds, source, destination, flowId, timestampTicks);
        }
        if (noAlert && decision is AlertDecision.Alert)
        {
            Counters.NoAlert++;
            decision = AlertDecision.SilentMatch;
        }
        else if (noAlert && decision is AlertDecision.RateAlert)
        {
            // Alert-only with the alert removed leaves nothing to do.
            decision = AlertDecision.Suppress;
        }
        return Count(decision);
    }

    private AlertDecision Evaluate(int ruleIndex, RuleThresholds thresholds, IpAddr source, IpAddr destination, ulong flowId, long now)
    {
        foreach (var suppress in thresholds.Suppress)
        {
            if (suppress.Matches(source, destination))
            {
                Counters.SuppressedByAddress++;
                return AlertDecision.SilentMatch;
            }
        }
        if (thresholds.DetectionFilter is { } filter && IsValid(filter.Track, filter.Count, filter.Seconds))
        {
            var key = ThresholdKey.Create(ruleIndex, ThresholdSlot.DetectionFilter, filter.Track, source, destination, flowId);
            ref var entry = ref _table.FindOrAdd(key, now, out var created);
            if (!ThresholdRules.DetectionFilter(ref entry, created, filter.Count, Span(filter.Seconds), now, Counters))
                return AlertDecision.Suppress;
        }
        if (thresholds.Threshold is { } threshold && IsValid(threshold.Track, threshold.Count, threshold.Seconds) && threshold.Type <= ThresholdType.Both)
        {
            var decision = ThresholdDecision(ruleIndex, threshold, source, destination, flowId, now);
            if (decision != AlertDecision.Alert)
                return decision;
        }
        if (thresholds.RateFilter is { } rate && IsValid(rate.Track, rate.Count, rate.Seconds) && rate.TimeoutSeconds >= 0 && rate.NewAction <= RateFilterAction.Sdrop)
        {
            var key = ThresholdKey.Create(ruleIndex, ThresholdSlot.RateFilter, rate.Track, source, destination, flowId);
            ref var entry = ref _table.FindOrAdd(key, now, out var created);
            if (ThresholdRules.RateFilterActive(ref entry, created, rate.Count, Span(rate.Seconds), rate.TimeoutSeconds, now, Counters))
            {
                Counters.RateFilterActions++;
                return rate.NewAction switch
                {
                    RateFilterAction.Alert => AlertDecision.RateAlert,
                    RateFilterAction.Drop => AlertDecision.Drop,
                    RateFilterAction.Pass => AlertDecision.Pass,
                    RateFilterAction.Reject => AlertDecision.Reject,
                    _ => AlertDecision.Alert,
                };
            }
        }
        return AlertDecision.Alert;
    }

    private AlertDecision ThresholdDecision(int ruleIndex, ThresholdSpec threshold, IpAddr source, IpAddr destination, ulong flowId, long now)
    {
        // Suricata keeps no state for "type threshold, count 1": every match alerts.
        if (threshold.Type == ThresholdType.Threshold && threshold.Count == 1)
            return AlertDecision.Alert;
        var key = ThresholdKey.Create(ruleIndex, ThresholdSlot.Threshold, threshold.Track, source, destination, flowId);
        ref var entry = ref _table.FindOrAdd(key, now, out var created);
        var span = Span(threshold.Seconds);
        return threshold.Type switch
        {
            ThresholdType.Limit => ThresholdRules.Limit(ref entry, created, threshold.Count, span, now, Counters),
            ThresholdType.Threshold => ThresholdRules.Threshold(ref entry, created, threshold.Count, span, now, Counters),
            _ => ThresholdRules.Both(ref entry, created, threshold.Count, span, now, Counters),
        };
    }

    private bool IsValid(ThresholdTrack track, int count, int seconds)
    {
        if (count >= 1 && seconds >= 1 && track <= ThresholdTrack.ByFlow)
            return true;
        Counters.InvalidSpecs++;
        return false;
    }

    private static long Span(int seconds) => seconds * TimeSpan.TicksPerSecond;

    private AlertDecision Count(AlertDecision decision)
    {
        switch (decision)
        {
            case AlertDecision.Alert:
                Counters.Alerts++;
                break;
            case AlertDecision.Suppress:
                Counters.Suppressed++;
                break;
            case AlertDecision.SilentMatch:
                Counters.SilentMatches++;
                break;
        }
        return decision;
    }
}
