namespace RustIds.Rules.Thresholds;

/// <summary>The <c>new_action</c> of a threshold.config <c>rate_filter</c>.</summary>
/// <remarks><c>log</c> and <c>sdrop</c> are accepted by Suricata's parser but change nothing; they are kept so such files load.</remarks>
public enum RateFilterAction : byte
{
    /// <summary>Alert only: the rule's own drop/reject is not applied while the filter is active.</summary>
    Alert,

    /// <summary>Drop the packet (and alert).</summary>
    Drop,

    /// <summary>Pass the packet (and alert).</summary>
    Pass,

    /// <summary>Reject (and drop) the packet (and alert).</summary>
    Reject,

    /// <summary>Parsed for compatibility; the rule's action is kept.</summary>
    Log,

    /// <summary>Parsed for compatibility; the rule's action is kept (Suricata does not implement it).</summary>
    Sdrop,
}
