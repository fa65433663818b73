using RustIds.Reputation.Addresses;

namespace RustIds.Response;

/// <summary>One row of the <c>blocks</c> table: a block's (or rate limit's) whole life, from creation to removal.</summary>
public sealed record BlockRecord
{
    /// <summary>Row id; 0 before the row is stored.</summary>
    public long Id { get; init; }

    /// <summary>The blocked address (a /32 or /128) or prefix.</summary>
    public required Cidr Target { get; init; }

    /// <summary>Block or rate-limit.</summary>
    public FirewallAction Action { get; init; } = FirewallAction.Block;

    /// <summary>The verdict score (0-100) that caused the block; eviction removes the lowest first.</summary>
    public required int Score { get; init; }

    /// <summary>The verdict's reasons as JSON (array of {Kind, Detail, Points}).</summary>
    public required string ReasonsJson { get; init; }

    /// <summary>Which rules or detectors fired, as a short human summary.</summary>
    public required string Rules { get; init; }

    /// <summary>When the block was first applied.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>When the block ends (extended by later verdicts).</summary>
    public required DateTimeOffset ExpiresAt { get; init; }

    /// <summary>When the block was closed, or null while open.</summary>
    public DateTimeOffset? RemovedAt { get; init; }

    /// <summary>Why it was closed ("expired", "apply failed", "evicted", operator text), or null while open.</summary>
    public string? RemovedReason { get; init; }

    /// <summary>True when an operator created the block by hand.</summary>
    public bool Manual { get; init; }

    /// <summary>Prior blocks of the address when the verdict was made (0 = first offence); durations double per level.</summary>
    public int EscalationLevel { get; init; }

    /// <summary>The target as shown to people: a bare address, or network/prefix.</summary>
    public string TargetText => FirewallTarget.Format(Target);
}
