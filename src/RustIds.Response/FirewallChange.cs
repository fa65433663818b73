using RustIds.Reputation.Addresses;

namespace RustIds.Response;

/// <summary>One typed change to the block or rate-limit sets; a list of them is applied as one atomic batch.</summary>
/// <remarks>
/// The target is an address (a /32 or /128) or a prefix. Backends keep single addresses and
/// prefixes in different sets (hash sets are fast for the first, only interval sets hold the second).
/// </remarks>
public readonly record struct FirewallChange
{
    private FirewallChange(FirewallChangeKind kind, FirewallAction action, Cidr target, TimeSpan timeout, bool replacesTimeout = false)
    {
        if (target.Network.BitLength == 0)
            throw new ArgumentException("The target must be an IPv4 or IPv6 network.", nameof(target));
        if (target.PrefixLength == 0)
            throw new ArgumentException("A /0 target would block a whole address family.", nameof(target));
        Kind = kind;
        Action = action;
        Target = target;
        Timeout = timeout;
        ReplacesTimeout = replacesTimeout;
    }

    /// <summary>Add or remove.</summary>
    public FirewallChangeKind Kind { get; }

    /// <summary>Block or rate-limit.</summary>
    public FirewallAction Action { get; }

    /// <summary>The address or prefix.</summary>
    public Cidr Target { get; }

    /// <summary>Duration for <see cref="FirewallChangeKind.Add"/>; zero for removals.</summary>
    public TimeSpan Timeout { get; }

    /// <summary>True for an add that may find the element present and must replace its timeout (an extension, a reconciliation refresh).</summary>
    /// <remarks>
    /// nft keeps an existing element's timeout on a plain add, and replacing it costs a delete in the
    /// same transaction (about three times the time of a plain add), so only refreshes pay for it.
    /// </remarks>
    public bool ReplacesTimeout { get; }

    /// <summary>True when the target is one address rather than a prefix.</summary>
    public bool IsSingleAddress => FirewallTarget.IsSingleAddress(Target);

    /// <summary>Blocks <paramref name="target"/>, expected not to be in the set yet, for <paramref name="timeout"/> (applied in whole seconds, at least 1 s).</summary>
    public static FirewallChange Add(Cidr target, TimeSpan timeout, FirewallAction action = FirewallAction.Block)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeout, TimeSpan.Zero);
        return new(FirewallChangeKind.Add, action, target, timeout);
    }

    /// <summary>Blocks <paramref name="target"/> for <paramref name="timeout"/> from now, replacing the timeout of an element already there.</summary>
    public static FirewallChange Refresh(Cidr target, TimeSpan timeout, FirewallAction action = FirewallAction.Block)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeout, TimeSpan.Zero);
        return new(FirewallChangeKind.Add, action, target, timeout, replacesTimeout: true);
    }

    /// <summary>Blocks one address for <paramref name="timeout"/>.</summary>
    public static FirewallChange Add(Packets.IpAddr address, TimeSpan timeout, FirewallAction action = FirewallAction.Block) =>
        Add(Cidr.Single(address), timeout, action);

    /// <summary>Stops blocking (or rate-limiting) <paramref name="target"/>.</summary>
    public static FirewallChange Remove(Cidr target, FirewallAction action = FirewallAction.Block) =>
        new(FirewallChangeKind.Remove, action, target, TimeSpan.Zero);

    /// <summary>Stops blocking (or rate-limiting) one address.</summary>
    public static FirewallChange Remove(Packets.IpAddr address, FirewallAction action = FirewallAction.Block) =>
        Remove(Cidr.Single(address), action);

    /// <summary>The timeout as the kernel applies it: whole seconds rounded up, at least 1.</summary>
    /// <remarks>Rounded up so the kernel never releases a target before the stored expiry.</remarks>
    public long TimeoutSeconds => Math.Max(1, (long)Math.Ceiling(Timeout.TotalSeconds));

    /// <summary>The target as written in logs and firewall scripts: a bare address, or network/prefix.</summary>
    public string TargetText => FirewallTarget.Format(Target);

    /// <inheritdoc/>
    public override string ToString()
    {
        var verb = Action == FirewallAction.Block ? "block" : "rate-limit";
        return Kind == FirewallChangeKind.Add ? $"{verb} {TargetText} for {TimeoutSeconds}s" : $"stop {verb} {TargetText}";
    }
}
