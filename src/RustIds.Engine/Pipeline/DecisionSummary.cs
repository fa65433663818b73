using RustIds.Packets;

namespace RustIds.Engine.Pipeline;

/// <summary>One decision the response stage took, as the replay summary prints it.</summary>
/// <param name="Outcome">blocked, extended, refused-allowlisted, alert or allow.</param>
public sealed record DecisionSummary(
    DateTimeOffset At, IpAddr Address, string Outcome, int Score, int Threshold, DateTimeOffset? ExpiresAt, string Explanation);
