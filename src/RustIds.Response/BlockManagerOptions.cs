namespace RustIds.Response;

/// <summary>Limits and policy of the block manager.</summary>
public sealed class BlockManagerOptions
{
    /// <summary>Most active blocks at once. Default 10000.</summary>
    /// <remarks>Past it the lowest-score block is evicted (with a warning) so the set cannot grow without bound under a spoofed-source flood.</remarks>
    public int MaxActiveBlocks { get; set; } = 10_000;

    /// <summary>Shortest block; shorter verdict durations are raised to it. Default 1 s (the kernel's timeout granularity).</summary>
    public TimeSpan MinDuration { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest block; longer verdict durations are capped. Default 30 days.</summary>
    public TimeSpan MaxDuration { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Duration used when a verdict carries none. Default 1 hour.</summary>
    public TimeSpan DefaultDuration { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How far the firewall's remaining time may differ from the store before reconciliation re-adds the entry. Default 5 s.</summary>
    public TimeSpan ReconcileTolerance { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Most operations applied in one firewall batch. Default 1000.</summary>
    public int MaxBatchSize { get; set; } = 1000;

    /// <summary>How long the first queued operation waits for others to join its batch. Default 0.</summary>
    /// <remarks>
    /// Zero keeps single-block latency at one firewall call; batches still form under load, because
    /// everything queued while a batch is applied goes into the next one (group commit).
    /// </remarks>
    public TimeSpan BatchWindow { get; set; } = TimeSpan.Zero;

    /// <summary>When this many addresses of one IPv4 prefix are blocked, block the prefix instead. Default 0 (off).</summary>
    /// <remarks>Off for IPv4 by default: CGNAT and shared hosting put unrelated users in one /24.</remarks>
    public int Ipv4AggregateThreshold { get; set; }

    /// <summary>The IPv4 prefix length addresses are aggregated to. Default 24.</summary>
    public int Ipv4AggregatePrefixLength { get; set; } = 24;

    /// <summary>When this many addresses of one IPv6 prefix are blocked, block the prefix instead. Default 3.</summary>
    /// <remarks>A /64 is one subscriber's LAN: an attacker hops addresses inside it for free, so three is already a pattern.</remarks>
    public int Ipv6AggregateThreshold { get; set; } = 3;

    /// <summary>The IPv6 prefix length addresses are aggregated to. Default 64.</summary>
    public int Ipv6AggregatePrefixLength { get; set; } = 64;

    /// <summary>Delete the conntrack entries of a newly blocked target (<c>conntrack -D</c>). Default false.</summary>
    /// <remarks>Our drop rules already drop packets of established connections; this also frees their state at once.</remarks>
    public bool DropConnections { get; set; }

    /// <summary>Returns every invalid setting; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (MaxActiveBlocks < 1)
            errors.Add($"Blocks.MaxActiveBlocks must be at least 1, got {MaxActiveBlocks}.");
        if (MinDuration < TimeSpan.FromSeconds(1))
            errors.Add("Blocks.MinDuration must be at least 1 s.");
        if (MaxDuration < MinDuration)
            errors.Add("Blocks.MaxDuration must not be below Blocks.MinDuration.");
        if (DefaultDuration < MinDuration || DefaultDuration > MaxDuration)
            errors.Add("Blocks.DefaultDuration must lie between MinDuration and MaxDuration.");
        if (ReconcileTolerance < TimeSpan.Zero)
            errors.Add("Blocks.ReconcileTolerance must not be negative.");
        if (MaxBatchSize is < 1 or > 100_000)
            errors.Add($"Blocks.MaxBatchSize must be 1-100000, got {MaxBatchSize}.");
        if (BatchWindow < TimeSpan.Zero || BatchWindow > TimeSpan.FromSeconds(1))
            errors.Add("Blocks.BatchWindow must be between 0 and 1 s.");
        if (Ipv4AggregateThreshold < 0 || Ipv6AggregateThreshold < 0)
            errors.Add("Blocks aggregate thresholds must not be negative (0 turns aggregation off).");
        if (Ipv4AggregatePrefixLength is < 8 or > 31)
            errors.Add($"Blocks.Ipv4AggregatePrefixLength must be 8-31, got {Ipv4AggregatePrefixLength}.");
        if (Ipv6AggregatePrefixLength is < 16 or > 127)
            errors.Add($"Blocks.Ipv6AggregatePrefixLength must be 16-127, got {Ipv6AggregatePrefixLength}.");
        return errors;
    }
}
