namespace RustIds.Detection.Behaviour;

/// <summary>DNS tunnelling (sid 40), judged per client and registered domain.</summary>
public sealed class DnsTunnelOptions
{
    public bool Enabled { get; set; } = true;

    public TimeSpan Window { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Queries for one registered domain from one client within the window. Default 50.</summary>
    public int Queries { get; set; } = 50;

    /// <summary>Distinct names below the registered domain within the window. Default 30.</summary>
    public int DistinctSubdomains { get; set; } = 30;

    /// <summary>Then any one of these marks a tunnel: mean length of the part below the registered domain … Default 24 characters.</summary>
    public int MeanSubdomainLength { get; set; } = 24;

    /// <summary>… mean Shannon entropy of that part, in bits per character … Default 3.5.</summary>
    public double MeanEntropyBits { get; set; } = 3.5;

    /// <summary>… share of TXT and NULL queries … Default 0.5.</summary>
    public double TxtNullShare { get; set; } = 0.5;

    /// <summary>… or mean response size in bytes. Default 400.</summary>
    public int MeanResponseBytes { get; set; } = 400;

    internal void Validate(OptionProblems problems)
    {
        problems.Window(Window, TimeSpan.FromSeconds(1), TimeSpan.FromHours(1), "DnsTunnel:Window");
        problems.Count(Queries, 2, 10_000_000, "DnsTunnel:Queries");
        problems.Count(DistinctSubdomains, 2, 1000, "DnsTunnel:DistinctSubdomains");
        problems.Count(MeanSubdomainLength, 1, 253, "DnsTunnel:MeanSubdomainLength");
        problems.Check(MeanEntropyBits is > 0 and <= 8, "DnsTunnel:MeanEntropyBits", "must be above 0 and at most 8");
        problems.Check(TxtNullShare is > 0 and <= 1, "DnsTunnel:TxtNullShare", "must be above 0 and at most 1");
        problems.Count(MeanResponseBytes, 1, 65535, "DnsTunnel:MeanResponseBytes");
    }
}
