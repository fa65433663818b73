namespace RustIds.Detection.Behaviour;

/// <summary>Per-host baselines (sids 60–63): packets, bytes, new flows and distinct destinations per interval of internal hosts.</summary>
public sealed class AnomalyOptions
{
    public bool Enabled { get; set; } = true;

    /// <summary>The measuring interval, also the exfiltration baseline's. Default 60 seconds.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Weight of the newest interval in the moving mean and variance. Default 0.1 (about the last 10 intervals).</summary>
    public double Alpha { get; set; } = 0.1;

    /// <summary>Standard deviations above the mean that count as anomalous. Default 6.</summary>
    public double Sigma { get; set; } = 6;

    /// <summary>Intervals learned before a host can alarm. Default 30.</summary>
    public int WarmupIntervals { get; set; } = 30;

    /// <summary>Consecutive anomalous intervals before an alert. Default 2.</summary>
    public int SustainIntervals { get; set; } = 2;

    /// <summary>Internal hosts each worker keeps a baseline for. Default 16384.</summary>
    public int TrackedHosts { get; set; } = 16_384;

    /// <summary>Floors below which a value is never anomalous, whatever the baseline: packets per interval (default 1000) …</summary>
    public long MinPackets { get; set; } = 1000;

    /// <summary>… bytes (default 1 MiB) …</summary>
    public long MinBytes { get; set; } = 1L << 20;

    /// <summary>… new flows (default 100) …</summary>
    public long MinNewFlows { get; set; } = 100;

    /// <summary>… and distinct destinations (default 50).</summary>
    public long MinDestinations { get; set; } = 50;

    internal void Validate(OptionProblems problems)
    {
        problems.Window(Interval, TimeSpan.FromSeconds(1), TimeSpan.FromHours(1), "Anomaly:Interval");
        problems.Check(Alpha is > 0 and <= 1, "Anomaly:Alpha", "must be above 0 and at most 1");
        problems.Check(Sigma is >= 1 and <= 100, "Anomaly:Sigma", "must be between 1 and 100");
        problems.Count(WarmupIntervals, 1, 100_000, "Anomaly:WarmupIntervals");
        problems.Count(SustainIntervals, 1, 1000, "Anomaly:SustainIntervals");
        problems.Count(TrackedHosts, 16, 16_777_216, "Anomaly:TrackedHosts");
        problems.Check(MinPackets >= 0 && MinBytes >= 0 && MinNewFlows >= 0 && MinDestinations >= 0, "Anomaly:MinPackets", "the floors must not be negative");
    }
}
