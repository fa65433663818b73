using RustIds.Reputation.Addresses;

namespace RustIds.Response;

/// <summary>The result of one block request, for logs, the audit trail and notifications.</summary>
public sealed record BlockOutcome
{
    /// <summary>What happened.</summary>
    public required BlockOutcomeKind Kind { get; init; }

    /// <summary>The address or prefix the request was about.</summary>
    public required Cidr Target { get; init; }

    /// <summary>Block or rate-limit, as requested.</summary>
    public FirewallAction Action { get; init; } = FirewallAction.Block;

    /// <summary>When the block ends; null when nothing was blocked.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>Why it was refused or ignored (e.g. <c>default gateway 192.0.2.1</c>); null when blocked.</summary>
    public string? Reason { get; init; }

    /// <summary>The store row id of the block; null when nothing was blocked.</summary>
    public long? BlockId { get; init; }

    /// <summary>The prefix this block was folded into (enough addresses of it were blocked), or null.</summary>
    public Cidr? AggregatedInto { get; init; }

    /// <summary>True for <see cref="BlockOutcomeKind.Blocked"/> and <see cref="BlockOutcomeKind.Extended"/>.</summary>
    public bool IsBlocked => Kind is BlockOutcomeKind.Blocked or BlockOutcomeKind.Extended;
}
