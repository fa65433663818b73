namespace RustIds.Detection.Behaviour;

/// <summary>ICMP floods and ping sweeps (sids 30–32), counted on echo requests.</summary>
public sealed class IcmpOptions
{
    public bool Enabled { get; set; } = true;

    /// <summary>Echo requests from one source within <see cref="FloodWindow"/> (sid 30). Default 500.</summary>
    public int FloodRequests { get; set; } = 500;

    public TimeSpan FloodWindow { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Distinct hosts one source pings within <see cref="SweepWindow"/> (sid 31). Default 40.</summary>
    public int SweepHosts { get; set; } = 40;

    public TimeSpan SweepWindow { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Echo requests to one destination within <see cref="FloodWindow"/> from at least <see cref="DistributedSources"/> sources (sid 32). Default 2000.</summary>
    public int DistributedRequests { get; set; } = 2000;

    public int DistributedSources { get; set; } = 50;

    internal void Validate(OptionProblems problems)
    {
        problems.Count(FloodRequests, 2, 100_000_000, "Icmp:FloodRequests");
        problems.Count(SweepHosts, 2, 1000, "Icmp:SweepHosts");
        problems.Count(DistributedRequests, 2, 100_000_000, "Icmp:DistributedRequests");
        problems.Count(DistributedSources, 2, 1000, "Icmp:DistributedSources");
        problems.Window(FloodWindow, TimeSpan.FromSeconds(1), TimeSpan.FromHours(1), "Icmp:FloodWindow");
        problems.Window(SweepWindow, TimeSpan.FromSeconds(1), TimeSpan.FromDays(1), "Icmp:SweepWindow");
    }
}
