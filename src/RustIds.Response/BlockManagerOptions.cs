namespace RustIds.Response;

/// <summary>Limits of the block manager.</summary>
public sealed class BlockManagerOptions
{
    /// <summary>Most active blocks at once. Default 10000.</summary>
    /// <remarks>Past it the lowest-score block is evicted (with a warning) so the set cannot grow without bound under a spoofed-source flood.</remarks>
    public int MaxActiveBlocks { get; set; } = 10_000;

    /// <summary>Shortest block; shorter verdict durations are raised to it. Default 1 s (nft's timeout granularity).</summary>
    public TimeSpan MinDuration { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest block; longer verdict durations are capped. Default 30 days.</summary>
    public TimeSpan MaxDuration { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Duration used when a Block verdict carries none. Default 1 hour.</summary>
    public TimeSpan DefaultDuration { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How far the firewall's remaining time may differ from the store before reconciliation re-adds the entry. Default 5 s.</summary>
    public TimeSpan ReconcileTolerance { get; set; } = TimeSpan.FromSeconds(5);

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
        return errors;
    }
}
