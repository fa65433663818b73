namespace RustIds.Detection.Behaviour;

/// <summary>The echo requests one source sent: the flood window and the hosts it pinged.</summary>
public struct EchoState
{
    internal WindowCount Requests;
    internal long SweepStart;
    internal DistinctSketch Hosts;
    internal long FloodQuietUntil;
    internal long SweepQuietUntil;
}
