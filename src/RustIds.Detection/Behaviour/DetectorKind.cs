namespace RustIds.Detection.Behaviour;

/// <summary>The behavioural detector families.</summary>
public enum DetectorKind : byte
{
    PortScan,
    SynFlood,
    BruteForce,
    DnsTunnel,
    Icmp,
    Exfiltration,
    Anomaly,
}
