namespace RustIds.Engine.Configuration;

/// <summary>Threat intelligence and scoring.</summary>
public sealed class ReputationOptions
{
    /// <summary>MaxMind DB file with country data; a missing file disables the country weight with a warning.</summary>
    public string? GeoIpDatabase { get; set; } = "/var/lib/rustids/geoip/dbip-country.mmdb";

    /// <summary>Plain IP/CIDR list files; a listed address gets <see cref="BlocklistPoints"/>.</summary>
    public List<string> Blocklists { get; set; } = [];

    /// <summary>Score (0–100) at or above which an address is blocked. Default 60: one priority-1 rule hit.</summary>
    public int BlockThreshold { get; set; } = 60;

    /// <summary>Score at or above which a verdict is an alert rather than allow. Default 20.</summary>
    public int AlertThreshold { get; set; } = 20;

    /// <summary>Score at or above which (below BlockThreshold) an address is rate-limited instead of blocked; null (default) = off.</summary>
    public int? RateLimitThreshold { get; set; }

    /// <summary>Points for being listed on a blocklist. Default 40.</summary>
    public int BlocklistPoints { get; set; } = 40;

    /// <summary>Points per ISO country code (negative lowers suspicion), e.g. <c>{"XX": 20}</c>.</summary>
    public Dictionary<string, int> CountryWeights { get; set; } = [];

    /// <summary>First block's duration; doubles for each earlier block of the same address. Default 1 h.</summary>
    public TimeSpan BaseBlockDuration { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Upper bound of an escalated block. Default 7 days.</summary>
    public TimeSpan MaxBlockDuration { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How long recent alerts of an address add up into one score. Default 10 min.</summary>
    public TimeSpan AlertWindow { get; set; } = TimeSpan.FromMinutes(10);
}
