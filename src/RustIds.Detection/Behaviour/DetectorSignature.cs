namespace RustIds.Detection.Behaviour;

/// <summary>The behavioural detectors' alert identities: gid 9901, one sid per kind of finding, with its title, severity and category.</summary>
/// <param name="Sid">The sid within <see cref="Gid"/>.</param>
/// <param name="Kind">The detector family.</param>
/// <param name="Title">What it found, as the signature starts (<c>RUSTIDS fast port scan</c>).</param>
/// <param name="Severity">1 (highest) to 4, as rule priorities. With the default scoring a severity-1 finding blocks on its own
/// (60 points): scans, floods from one source and brute force, the findings fail2ban users block on sight. The others add to the
/// score; internal hosts (tunnels, exfiltration, anomalies) are not cut off on one finding.</param>
/// <param name="Category">The Suricata classification description.</param>
public sealed record DetectorSignature(long Sid, DetectorKind Kind, string Title, int Severity, string Category)
{
    /// <summary>The generator id of every behavioural detection (text rules use 1).</summary>
    public const int Gid = 9901;

    private const string Scan = "Detection of a Network Scan";
    private const string DenialOfService = "Attempted Denial of Service";
    private const string Login = "Attempted User Privilege Gain";
    private const string Leak = "Attempted Information Leak";
    private const string Unusual = "Potentially Bad Traffic";

    public static DetectorSignature FastPortScan { get; } = new(1, DetectorKind.PortScan, "fast port scan", 1, Scan);
    public static DetectorSignature SlowPortScan { get; } = new(2, DetectorKind.PortScan, "slow port scan", 2, Scan);
    public static DetectorSignature HorizontalScan { get; } = new(3, DetectorKind.PortScan, "horizontal scan", 1, Scan);
    public static DetectorSignature SynFloodOnService { get; } = new(10, DetectorKind.SynFlood, "SYN flood against a service", 1, DenialOfService);
    public static DetectorSignature SynFloodFromSource { get; } = new(11, DetectorKind.SynFlood, "SYN flood from one source", 1, DenialOfService);
    public static DetectorSignature LoginBruteForce { get; } = new(20, DetectorKind.BruteForce, "login brute force", 1, Login);
    public static DetectorSignature HttpLoginBruteForce { get; } = new(21, DetectorKind.BruteForce, "HTTP login brute force", 1, Login);
    public static DetectorSignature IcmpFlood { get; } = new(30, DetectorKind.Icmp, "ICMP flood", 2, DenialOfService);
    public static DetectorSignature PingSweep { get; } = new(31, DetectorKind.Icmp, "ping sweep", 3, Scan);
    public static DetectorSignature DistributedIcmpFlood { get; } = new(32, DetectorKind.Icmp, "distributed ICMP flood", 2, DenialOfService);
    public static DetectorSignature DnsTunnel { get; } = new(40, DetectorKind.DnsTunnel, "DNS tunnelling", 2, Leak);
    public static DetectorSignature ExfiltrationVolume { get; } = new(50, DetectorKind.Exfiltration, "unusual upload volume", 2, Leak);
    public static DetectorSignature LowAndSlowUpload { get; } = new(51, DetectorKind.Exfiltration, "low and slow upload", 2, Leak);
    public static DetectorSignature PacketRateAnomaly { get; } = new(60, DetectorKind.Anomaly, "packet rate anomaly", 3, Unusual);
    public static DetectorSignature ByteRateAnomaly { get; } = new(61, DetectorKind.Anomaly, "byte rate anomaly", 3, Unusual);
    public static DetectorSignature NewFlowRateAnomaly { get; } = new(62, DetectorKind.Anomaly, "new flow rate anomaly", 3, Unusual);
    public static DetectorSignature DestinationCountAnomaly { get; } = new(63, DetectorKind.Anomaly, "distinct destination anomaly", 3, Unusual);

    /// <summary>Every signature, by sid (for documentation and rule listings).</summary>
    public static IReadOnlyList<DetectorSignature> All { get; } =
    [
        FastPortScan, SlowPortScan, HorizontalScan, SynFloodOnService, SynFloodFromSource, LoginBruteForce, HttpLoginBruteForce,
        IcmpFlood, PingSweep, DistributedIcmpFlood, DnsTunnel, ExfiltrationVolume, LowAndSlowUpload,
        PacketRateAnomaly, ByteRateAnomaly, NewFlowRateAnomaly, DestinationCountAnomaly,
    ];
}
