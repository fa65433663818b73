namespace RustIds.Detection.Behaviour;

/// <summary>One internal host's baselines: what its closed intervals are judged against.</summary>
/// <remarks>Kept apart from <see cref="HostInterval"/>, indexed by the host's table slot, and first touched when the host's first interval closes.</remarks>
public struct HostBaseline
{
    internal MetricBaseline PacketRate;
    internal MetricBaseline ByteRate;
    internal MetricBaseline FlowRate;
    internal MetricBaseline DestinationRate;
}
