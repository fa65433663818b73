namespace RustIds.Rules.Thresholds;

/// <summary>What a threshold counts per: <c>track by_src</c>, <c>by_dst</c>, <c>by_rule</c>, <c>by_both</c>, <c>by_flow</c>.</summary>
public enum ThresholdTrack : byte
{
    BySource,
    ByDestination,
    ByRule,
    ByBoth,
    ByFlow,
}
