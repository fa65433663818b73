namespace RustIds.Notify;

/// <summary>How urgent a notice is; a channel's policy sends notices at or above its threshold at once and digests the rest.</summary>
/// <remarks>
/// Derived from the alerts behind a block (<see cref="NoticeSeverities.FromAlertSeverity"/>): Suricata's severity 1 is the most
/// severe. An escalated block (a repeat offender) is <see cref="Critical"/>; the end of a block is <see cref="Info"/>.
/// </remarks>
public enum NoticeSeverity
{
    /// <summary>Nothing to act on: a block ended, a test message.</summary>
    Info = 0,

    /// <summary>Alerts of Suricata severity 3 or 4 only.</summary>
    Low = 1,

    /// <summary>The worst alert had severity 2.</summary>
    Medium = 2,

    /// <summary>The worst alert had severity 1.</summary>
    High = 3,

    /// <summary>A repeat offender: the block was escalated.</summary>
    Critical = 4,
}
