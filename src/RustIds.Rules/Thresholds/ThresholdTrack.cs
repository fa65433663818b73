namespace RustIds.Rules.Thresholds;

/// <summary>What a threshold, detection_filter or rate_filter counts per: the tracking key.</summary>
public enum ThresholdTrack : byte
{
    /// <summary>One counter per source address.</summary>
    BySrc,

    /// <summary>One counter per destination address.</summary>
    ByDst,

    /// <summary>One counter for the whole rule.</summary>
    ByRule,

    /// <summary>One counter per address pair; both directions between two hosts share it (Suricata's IP pair).</summary>
    ByBoth,

    /// <summary>One counter per flow (by flow id).</summary>
    ByFlow,
}
