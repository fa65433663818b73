namespace RustIds.Reputation;

/// <summary>What the scorer decides for an address.</summary>
public enum VerdictAction
{
    /// <summary>Below the alert threshold: record only.</summary>
    Allow = 0,

    /// <summary>Worth telling someone, not worth a firewall change.</summary>
    Alert = 1,

    /// <summary>Block for <see cref="Verdict.Duration"/>.</summary>
    Block = 2,

    /// <summary>Let through at most the firewall's configured rate for <see cref="Verdict.Duration"/>; the excess is dropped.</summary>
    /// <remarks>Between Alert and Block in severity; numbered last so stored values keep their meaning.</remarks>
    RateLimit = 3,
}
