namespace RustIds.Detection.Behaviour;

/// <summary>Data exfiltration (sids 50, 51): uploads from internal hosts to outside peers.</summary>
public sealed class ExfiltrationOptions
{
    public bool Enabled { get; set; } = true;

    /// <summary>Bytes uploaded by one internal host to one outside peer within one baseline interval (<see cref="AnomalyOptions.Interval"/>) below which nothing is reported. Default 8 MiB.</summary>
    public long MinBytes { get; set; } = 8L << 20;

    /// <summary>Standard deviations above the pair's mean upload per interval. Default 6.</summary>
    public double Sigma { get; set; } = 6;

    /// <summary>Intervals a pair is watched before it can alarm. Default 10.</summary>
    public int WarmupIntervals { get; set; } = 10;

    /// <summary>Internal→outside pairs each worker keeps a baseline for. Default 16384.</summary>
    public int TrackedPairs { get; set; } = 16_384;

    /// <summary>Low and slow (sid 51): one connection lasting at least this long … Default 30 minutes.</summary>
    public TimeSpan LowSlowDuration { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>… having uploaded at least this many bytes … Default 256 KiB.</summary>
    public long LowSlowBytes { get; set; } = 256L << 10;

    /// <summary>… and at least this many times what it downloaded. Default 10.</summary>
    public double LowSlowRatio { get; set; } = 10;

    internal void Validate(OptionProblems problems)
    {
        problems.Check(MinBytes is >= 1024 and <= 1L << 40, "Exfiltration:MinBytes", "must be between 1024 and 1099511627776 (1 TiB)");
        problems.Check(Sigma is >= 1 and <= 100, "Exfiltration:Sigma", "must be between 1 and 100");
        problems.Count(WarmupIntervals, 1, 100_000, "Exfiltration:WarmupIntervals");
        problems.Count(TrackedPairs, 16, 16_777_216, "Exfiltration:TrackedPairs");
        problems.Window(LowSlowDuration, TimeSpan.FromMinutes(1), TimeSpan.FromDays(30), "Exfiltration:LowSlowDuration");
        problems.Check(LowSlowBytes is >= 1 and <= 1L << 40, "Exfiltration:LowSlowBytes", "must be between 1 and 1099511627776 (1 TiB)");
        problems.Check(LowSlowRatio is >= 1 and <= 1_000_000, "Exfiltration:LowSlowRatio", "must be between 1 and 1000000");
    }
}
