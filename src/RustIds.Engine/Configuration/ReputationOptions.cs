namespace RustIds.Engine.Configuration;

/// <summary>Threat intelligence and scoring.</summary>
public sealed class ReputationOptions
{
    /// <summary>MaxMind DB file with country data; a missing file disables the country weight with a warning.</summary>
    public string? GeoIpDatabase { get; set; } = "/var/lib/rustids/geoip/dbip-country.mmdb";

    /// <summary>MaxMind DB file with ASN data (GeoLite2-ASN layout); null (default) = no ASN weights.</summary>
    public string? AsnDatabase { get; set; }

    /// <summary>The feed catalog: known feeds with URL, format, weight and schedule (JSON, comments allowed). A missing file is an empty catalog.</summary>
    public string? FeedCatalog { get; set; } = "/etc/rustids/feeds/catalog.json";

    /// <summary>Feeds to use: new ones, or catalog feeds by name with the fields to change (e.g. <c>{"Name": "spamhaus-drop", "Enabled": true}</c>).</summary>
    public List<FeedSettings> Feeds { get; set; } = [];

    /// <summary>Where the last good copy of every feed and its state are kept, so a restart needs no network. Default: <c>feeds/</c> beside Storage:DatabasePath.</summary>
    public string? FeedCacheDirectory { get; set; }

    /// <summary>Shorthand for plain IP/CIDR list files: each becomes a feed named after its file, read at start.</summary>
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

    /// <summary>Points per autonomous system, keyed <c>"AS64496"</c> or <c>"64496"</c>.</summary>
    public Dictionary<string, int> AsnWeights { get; set; } = [];

    /// <summary>Countries blocked on any alert, whatever the score (geo-blocking).</summary>
    public List<string> DenyCountries { get; set; } = [];

    /// <summary>Countries never blocked by score (at most an alert; a drop rule still blocks).</summary>
    public List<string> AllowCountries { get; set; } = [];

    /// <summary>Autonomous systems blocked on any alert, whatever the score.</summary>
    public List<uint> DenyAsns { get; set; } = [];

    /// <summary>Autonomous systems never blocked by score.</summary>
    public List<uint> AllowAsns { get; set; } = [];

    /// <summary>Half-life of an earlier block's history points. Default 7 days.</summary>
    public TimeSpan HistoryHalfLife { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Earlier blocks inside this window raise the escalation level. Default 30 days.</summary>
    public TimeSpan RecidivismWindow { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Block durations by escalation level; empty (default) doubles BaseBlockDuration per level up to MaxBlockDuration.</summary>
    public List<TimeSpan> BlockDurationLadder { get; set; } = [];

    /// <summary>Alerts and verdicts older than this are pruned from the threat DB daily. Default 90 days (longer than RecidivismWindow).</summary>
    public TimeSpan HistoryRetention { get; set; } = TimeSpan.FromDays(90);

    /// <summary>First block's duration; doubles for each earlier block of the same address. Default 1 h.</summary>
    public TimeSpan BaseBlockDuration { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Upper bound of an escalated block. Default 7 days.</summary>
    public TimeSpan MaxBlockDuration { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How long recent alerts of an address add up into one score. Default 10 min.</summary>
    public TimeSpan AlertWindow { get; set; } = TimeSpan.FromMinutes(10);
}
