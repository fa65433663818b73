namespace RustIds.Detection.Behaviour;

/// <summary>What the flood detectors keep about one destination service (ICMP: the host, port 0).</summary>
public struct ServiceState
{
    internal long SynStart;
    internal int Syns;
    internal int NextShareCheck;
    internal bool Starved;
    internal double CompletedPercent;
    internal DistinctSketch SynSources;
    internal long SynQuietUntil;
    internal long EchoStart;
    internal int Echoes;
    internal DistinctSketch EchoSources;
    internal long EchoQuietUntil;
}
