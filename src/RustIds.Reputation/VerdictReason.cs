namespace RustIds.Reputation;

/// <summary>One contribution to a score, stated so an operator can check it.</summary>
/// <param name="Kind">Source of the evidence: <c>rule</c>, <c>blocklist</c>, <c>geoip</c>, <c>history</c>.</param>
/// <param name="Detail">Human-readable evidence, for example <c>sid 1000001 "SQL injection" priority 1</c>.</param>
/// <param name="Points">Points added to the score (may be negative).</param>
public sealed record VerdictReason(string Kind, string Detail, int Points)
{
    public override string ToString() => $"{Kind}: {Detail} ({Points:+0;-0;0})";
}
