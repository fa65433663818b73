namespace RustIds.Engine.Configuration;

/// <summary>
/// One feed as written in the catalog (<c>feeds/catalog.json</c>) or in <c>Reputation:Feeds</c>. Every field is
/// optional so that a config entry naming a catalog feed overrides only what it sets, e.g.
/// <c>{ "Name": "spamhaus-drop", "Enabled": true }</c>. Defaults are documented in <c>docs/reputation.md</c>.
/// </summary>
public sealed class FeedSettings
{
    /// <summary>Unique name: a–z, 0–9, '-', '_', '.'.</summary>
    public string? Name { get; set; }

    /// <summary>http(s) URL to download from. Exactly one of Url and File.</summary>
    public string? Url { get; set; }

    /// <summary>Local file to read (relative paths: against the catalog's folder, or the working directory in the config).</summary>
    public string? File { get; set; }

    /// <summary>One of plain, spamhaus-drop, spamhaus-json, firehol, dshield, ipsum, feodo, tor-exit, csv.</summary>
    public string? Format { get; set; }

    /// <summary>Points of a listing (0–100); default Reputation:BlocklistPoints.</summary>
    public int? Weight { get; set; }

    /// <summary>Trust in the feed, 0–1; default 1.</summary>
    public double? Quality { get; set; }

    /// <summary>Hits at which a counted listing (IPsum) weighs fully; default 1.</summary>
    public int? FullWeightHits { get; set; }

    /// <summary>Free-text category, e.g. botnet-c2.</summary>
    public string? Category { get; set; }

    /// <summary>Quartz cron expression (seconds first); default every 6 hours.</summary>
    public string? Schedule { get; set; }

    /// <summary>Default true in the config, false for catalog entries unless they say so.</summary>
    public bool? Enabled { get; set; }

    /// <summary>Also drop the feed's networks in the firewall; default false.</summary>
    public bool? PushToFirewall { get; set; }

    /// <summary>Accept private and reserved ranges from this feed; default false.</summary>
    public bool? AllowPrivate { get; set; }

    /// <summary>CSV only: 1-based column of the address.</summary>
    public int? CsvColumn { get; set; }

    /// <summary>CSV only: the one-character delimiter; default ",".</summary>
    public string? CsvDelimiter { get; set; }

    /// <summary>CSV only: the first row is a header.</summary>
    public bool? CsvHasHeader { get; set; }

    /// <summary>Largest accepted download in bytes; default 64 MiB.</summary>
    public long? MaxBytes { get; set; }

    /// <summary>Download deadline; default 00:01:00.</summary>
    public TimeSpan? Timeout { get; set; }

    /// <summary>Share of the last good copy a new copy must keep (0–1); default 0.1.</summary>
    public double? MinimumRetainedShare { get; set; }

    /// <summary>This entry with every field <paramref name="overrides"/> sets replaced.</summary>
    public FeedSettings With(FeedSettings overrides) => new()
    {
        Name = Name,
        Url = overrides.Url ?? (overrides.File is null ? Url : null),
        File = overrides.File ?? (overrides.Url is null ? File : null),
        Format = overrides.Format ?? Format,
        Weight = overrides.Weight ?? Weight,
        Quality = overrides.Quality ?? Quality,
        FullWeightHits = overrides.FullWeightHits ?? FullWeightHits,
        Category = overrides.Category ?? Category,
        Schedule = overrides.Schedule ?? Schedule,
        Enabled = overrides.Enabled ?? Enabled,
        PushToFirewall = overrides.PushToFirewall ?? PushToFirewall,
        AllowPrivate = overrides.AllowPrivate ?? AllowPrivate,
        CsvColumn = overrides.CsvColumn ?? CsvColumn,
        CsvDelimiter = overrides.CsvDelimiter ?? CsvDelimiter,
        CsvHasHeader = overrides.CsvHasHeader ?? CsvHasHeader,
        MaxBytes = overrides.MaxBytes ?? MaxBytes,
        Timeout = overrides.Timeout ?? Timeout,
        MinimumRetainedShare = overrides.MinimumRetainedShare ?? MinimumRetainedShare,
    };
}
