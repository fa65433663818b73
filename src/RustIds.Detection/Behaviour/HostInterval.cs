namespace RustIds.Detection.Behaviour;

/// <summary>One internal host's counts in its current interval: what every flow it opens touches, in one 72-byte entry.</summary>
public struct HostInterval
{
    internal long Interval;
    internal long Packets;
    internal long Bytes;
    internal long NewFlows;
    internal DistinctSketch Destinations;

    /// <summary>The <see cref="HostBaseline"/> in this entry's slot is this host's (else it is a former occupant's, reset at the first close).</summary>
    internal bool HasBaseline;
}
