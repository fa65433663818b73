namespace RustIds.Detection.Behaviour;

/// <summary>The behavioural detectors' switches and thresholds (config section <c>Detectors</c>); each default is documented in <c>docs/detectors.md</c>.</summary>
public sealed class DetectorOptions
{
    /// <summary>Run the detectors at all. Default true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The private ranges: RFC 1918 and IPv6 unique local addresses.</summary>
    public static IReadOnlyList<string> DefaultInternalNetworks { get; } = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "fc00::/7"];

    /// <summary>Networks whose hosts are ours: baselines and exfiltration watch only these. Null (the default) means <see cref="DefaultInternalNetworks"/>.</summary>
    /// <remarks>Null rather than a filled list: the configuration binder appends to a list it finds, so a configured list would extend the default instead of replacing it.</remarks>
    public List<string>? InternalNetworks { get; set; }

    public IReadOnlyList<string> EffectiveInternalNetworks => InternalNetworks ?? DefaultInternalNetworks;

    /// <summary>
    /// Sources (and, separately, destination services and DNS client/domain pairs) each worker keeps state for; the
    /// least recently active is forgotten beyond it. Default 16384: sources active within the detectors' windows, not
    /// all ever seen; a bigger table also costs speed (its misses leave the CPU caches).
    /// </summary>
    public int TrackedSources { get; set; } = 16_384;

    /// <summary>Quiet time after an alert before the same detector accuses the same address again. Default 10 minutes.</summary>
    public TimeSpan Cooldown { get; set; } = TimeSpan.FromMinutes(10);

    public PortScanOptions PortScan { get; set; } = new();

    public SynFloodOptions SynFlood { get; set; } = new();

    public BruteForceOptions BruteForce { get; set; } = new();

    public DnsTunnelOptions DnsTunnel { get; set; } = new();

    public IcmpOptions Icmp { get; set; } = new();

    public ExfiltrationOptions Exfiltration { get; set; } = new();

    public AnomalyOptions Anomaly { get; set; } = new();

    /// <summary>Every invalid setting, keyed below <c>Detectors</c> (for example <c>PortScan:FastPorts</c>).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Validate()
    {
        var problems = new OptionProblems();
        var networks = EffectiveInternalNetworks;
        for (var i = 0; i < networks.Count; i++)
            problems.Check(InternalNetworkSet.TryParsePrefix(networks[i], out _, out _), $"InternalNetworks:{i}", $"'{networks[i]}' is not a network such as 10.0.0.0/8 or fc00::/7");
        problems.Check(TrackedSources is >= 1024 and <= 16_777_216, "TrackedSources", "must be between 1024 and 16777216");
        problems.Check(Cooldown >= TimeSpan.Zero, "Cooldown", "must not be negative");
        PortScan.Validate(problems);
        SynFlood.Validate(problems);
        BruteForce.Validate(problems);
        DnsTunnel.Validate(problems);
        Icmp.Validate(problems);
        Exfiltration.Validate(problems);
        Anomaly.Validate(problems);
        return problems.All;
    }
}
