namespace RustIds.Detection.Behaviour;

/// <summary>One internal host and outside peer: bytes uploaded this interval and the baseline they are judged against.</summary>
public struct PairBaseline
{
    internal long Interval;
    internal long Bytes;
    internal MetricBaseline Upload;
}
