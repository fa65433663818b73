namespace RustIds.Rules.Thresholds;

/// <summary>A parsed <c>detection_filter</c> rule keyword: a match becomes an alert only once the rate is exceeded.</summary>
/// <remarks>Every match after the <see cref="Count"/>-th within the window alerts (Suricata: "action applied on every match after Cth").</remarks>
/// <param name="Track">What the counter is kept per.</param>
/// <param name="Count">Matches that are tolerated per window before alerts start (1 or more).</param>
/// <param name="Seconds">Window length in seconds of packet time (1 or more).</param>
public sealed record DetectionFilterSpec(ThresholdTrack Track, int Count, int Seconds);
