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
}
