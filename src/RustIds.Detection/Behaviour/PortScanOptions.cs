namespace RustIds.Detection.Behaviour;

/// <summary>Port scans (sids 1–3): vertical fast, vertical slow, horizontal.</summary>
public sealed class PortScanOptions
{
    public bool Enabled { get; set; } = true;

    /// <summary>Distinct destination ports one source tries (SYN or new UDP flow) within <see cref="FastWindow"/>. Default 100.</summary>
    public int FastPorts { get; set; } = 100;

    public TimeSpan FastWindow { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Distinct destination ports of one source's <em>failed</em> attempts (refused or unanswered) within <see cref="SlowWindow"/>. Default 25.</summary>
    public int SlowPorts { get; set; } = 25;

    public TimeSpan SlowWindow { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Distinct destination hosts of one source's failed attempts within <see cref="HostWindow"/>. Default 50.</summary>
    public int Hosts { get; set; } = 50;

    public TimeSpan HostWindow { get; set; } = TimeSpan.FromSeconds(60);

    internal void Validate(OptionProblems problems)
    {
        problems.Count(FastPorts, 2, 1000, "PortScan:FastPorts");
        problems.Count(SlowPorts, 2, 1000, "PortScan:SlowPorts");
        problems.Count(Hosts, 2, 1000, "PortScan:Hosts");
        problems.Window(FastWindow, TimeSpan.FromSeconds(1), TimeSpan.FromHours(1), "PortScan:FastWindow");
        problems.Window(SlowWindow, TimeSpan.FromSeconds(1), TimeSpan.FromDays(1), "PortScan:SlowWindow");
        problems.Window(HostWindow, TimeSpan.FromSeconds(1), TimeSpan.FromDays(1), "PortScan:HostWindow");
    }
}
