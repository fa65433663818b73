namespace RustIds.Rules;

/// <summary>What a rule asks the responder to do when it matches.</summary>
public enum RuleAction : byte
{
    /// <summary>Raise an alert and let the packet pass.</summary>
    Alert,

    /// <summary>Raise an alert and drop the packet (inline) or block the source.</summary>
    Drop,

    /// <summary>Like drop, and also answer with a TCP reset or ICMP unreachable.</summary>
    Reject,

    /// <summary>Stop inspecting the packet; no alert.</summary>
    Pass,
}
