namespace RustIds.Rules.Thresholds;

/// <summary>What to do with one rule match after thresholding, suppression and rate filtering.</summary>
/// <remarks>
/// Mirrors Suricata's three threshold results (alert, suppressed, silent match) plus the action a rate_filter puts in place.
/// State-changing keywords (flowbits, xbits, ...) are applied by the caller whatever the decision, as Suricata does.
/// </remarks>
public enum AlertDecision : byte
{
    /// <summary>Raise the alert and apply the rule's own action.</summary>
    Alert,

    /// <summary>No alert and no action: the match is discarded (threshold not reached, detection_filter not exceeded).</summary>
    Suppress,

    /// <summary>rate_filter active: alert, and drop the packet whatever the rule's action.</summary>
    Drop,

    /// <summary>rate_filter active: alert, and pass the packet whatever the rule's action.</summary>
    Pass,

    /// <summary>rate_filter active: alert, and reject (drop plus reset/unreachable) the packet.</summary>
    Reject,

    /// <summary>No alert, but the rule's own action (drop, reject) still applies: limit/both past their count, suppress by address, noalert.</summary>
    SilentMatch,

    /// <summary>rate_filter with <c>new_action alert</c> active: alert, but do not apply the rule's drop/reject.</summary>
    RateAlert,
}
