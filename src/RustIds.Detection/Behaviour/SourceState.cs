namespace RustIds.Detection.Behaviour;

/// <summary>Everything the source-keyed detectors keep about one source, in one table entry so a flow start costs one lookup.</summary>
public struct SourceState
{
    internal ScanCounters Scan;
    internal SynCounters Syn;
    internal LoginCounters Login;
    internal EchoCounters Echo;
}

/// <summary>Port-scan windows of one source.</summary>
internal struct ScanCounters
{
    public long FastStart;
    public DistinctSketch FastPorts;
    public long SlowStart;
    public DistinctSketch FailedPorts;
    public long HostStart;
    public DistinctSketch FailedHosts;
    public long VerticalQuietUntil;
    public long HorizontalQuietUntil;
}

/// <summary>SYNs one source sent in the current window, and how many of them completed.</summary>
internal struct SynCounters
{
    public long Start;
    public int Syns;
    public int Completed;
    public DistinctSketch Services;
    public long QuietUntil;
}

/// <summary>Login attempts of one source.</summary>
internal struct LoginCounters
{
    public long AttemptStart;
    public int Attempts;
    public long ShortStart;
    public int ShortSessions;
    public long HttpStart;
    public int HttpPosts;
    public long QuietUntil;
    public long HttpQuietUntil;
}

/// <summary>Echo requests one source sent.</summary>
internal struct EchoCounters
{
    public long FloodStart;
    public int Requests;
    public long SweepStart;
    public DistinctSketch Hosts;
    public long FloodQuietUntil;
    public long SweepQuietUntil;
}
