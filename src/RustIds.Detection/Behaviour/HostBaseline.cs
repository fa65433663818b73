namespace RustIds.Detection.Behaviour;

/// <summary>One internal host: this interval's counts and the baselines they are judged against.</summary>
public struct HostBaseline
{
    internal long Interval;
    internal long Packets;
    internal long Bytes;
    internal long NewFlows;
    internal DistinctSketch Destinations;
    internal MetricBaseline PacketRate;
    internal MetricBaseline ByteRate;
    internal MetricBaseline FlowRate;
    internal MetricBaseline DestinationRate;
}
