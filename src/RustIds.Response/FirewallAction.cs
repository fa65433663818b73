namespace RustIds.Response;

/// <summary>What the firewall does to traffic from a target.</summary>
public enum FirewallAction
{
    /// <summary>Drop everything from the target.</summary>
    Block = 0,

    /// <summary>Let the target through at most at the configured rate (per source address); drop the excess.</summary>
    RateLimit = 1,
}
