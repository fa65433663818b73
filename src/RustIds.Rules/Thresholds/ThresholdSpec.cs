namespace RustIds.Rules.Thresholds;

/// <summary>A parsed <c>threshold</c> (rule keyword, or threshold.config <c>threshold</c>/<c>event_filter</c> line).</summary>
/// <param name="Type">Limit, threshold or both.</param>
/// <param name="Track">What the counter is kept per.</param>
/// <param name="Count">Number of matches (1 or more).</param>
/// <param name="Seconds">Window length in seconds of packet time (1 or more).</param>
public sealed record ThresholdSpec(ThresholdType Type, ThresholdTrack Track, int Count, int Seconds);
