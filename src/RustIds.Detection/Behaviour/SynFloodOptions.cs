namespace RustIds.Detection.Behaviour;

/// <summary>SYN floods (sids 10, 11): many connection attempts that never complete.</summary>
public sealed class SynFloodOptions
{
    public bool Enabled { get; set; } = true;

    public TimeSpan Window { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>SYNs to one destination service within the window (sid 10, from many sources). Default 500.</summary>
    public int DestinationSyns { get; set; } = 500;

    /// <summary>Distinct sources at which a destination's flood counts as spoofed or distributed: then the destination is reported, not each source. Default 50.</summary>
    public int DistinctSources { get; set; } = 50;

    /// <summary>SYNs from one source within the window, aimed at a few services whose handshakes mostly fail (sid 11). Default 200.</summary>
    public int SourceSyns { get; set; } = 200;

    /// <summary>A destination whose handshakes complete more often than this share is busy, not flooded. Default 0.2.</summary>
    public double MaxCompletedShare { get; set; } = 0.2;

    internal void Validate(OptionProblems problems)
    {
        problems.Window(Window, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(10), "SynFlood:Window");
        problems.Count(DestinationSyns, 10, 100_000_000, "SynFlood:DestinationSyns");
        problems.Count(DistinctSources, 2, 1000, "SynFlood:DistinctSources");
        problems.Count(SourceSyns, 10, 100_000_000, "SynFlood:SourceSyns");
        problems.Check(MaxCompletedShare is >= 0 and < 1, "SynFlood:MaxCompletedShare", "must be at least 0 and below 1");
    }
}
