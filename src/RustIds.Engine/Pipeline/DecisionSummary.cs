using RustIds.Packets;

namespace RustIds.Engine.Pipeline;

/// <summary>One decision the response stage took, as the replay summary prints it.</summary>
/// <param name="At">Decision time (packet time in a replay).</param>
/// <param name="Address">The offender.</param>
/// <param name="Outcome">blocked, extended, refused-allowlisted, refused-capacity, block-failed, alert or allow.</param>
/// <param name="Score">The verdict's score.</param>
/// <param name="Threshold">The block threshold it was compared with.</param>
/// <param name="ExpiresAt">When the block ends, for blocks.</param>
/// <param name="Explanation">The verdict's explanation, one reason per line.</param>
public sealed record DecisionSummary(
    DateTimeOffset At, IpAddr Address, string Outcome, int Score, int Threshold, DateTimeOffset? ExpiresAt, string Explanation);
