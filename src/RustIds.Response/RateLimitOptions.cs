namespace RustIds.Response;

/// <summary>How much a rate-limited source may still send.</summary>
/// <remarks>
/// Applied per source address (nft meter / iptables hashlimit keyed by source), so one noisy
/// member of a rate-limited prefix cannot use up the others' allowance.
/// </remarks>
public sealed class RateLimitOptions
{
    /// <summary>Packets per second let through per source. Default 10: interactive use works, floods and scans crawl.</summary>
    public int PacketsPerSecond { get; set; } = 10;

    /// <summary>Packets a source may send at once above the rate. Default 20.</summary>
    public int Burst { get; set; } = 20;

    /// <summary>Returns every invalid setting; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (PacketsPerSecond is < 1 or > 1_000_000)
            errors.Add($"Firewall.RateLimit.PacketsPerSecond must be 1-1000000, got {PacketsPerSecond}.");
        if (Burst is < 1 or > 1_000_000)
            errors.Add($"Firewall.RateLimit.Burst must be 1-1000000, got {Burst}.");
        return errors;
    }
}
