using RustIds.Detection;

namespace RustIds.Notify;

/// <summary>One rule or detector that fired for an address, and how often.</summary>
/// <param name="Gid">Generator id (1 for text rules).</param>
/// <param name="Sid">Signature id.</param>
/// <param name="Rev">Rule revision.</param>
/// <param name="Signature">The rule's message (<c>msg</c>).</param>
/// <param name="Count">How many alerts this rule raised for the address.</param>
/// <param name="Severity">The rule's severity (Suricata's scale: 1 is the most severe).</param>
public sealed record RuleHit(int Gid, long Sid, int Rev, string Signature, int Count, int Severity = 3)
{
    /// <summary>Groups alerts by (gid, sid), keeping the latest rev and signature, most frequent first.</summary>
    public static IReadOnlyList<RuleHit> Summarize(IEnumerable<Alert> alerts)
    {
        ArgumentNullException.ThrowIfNull(alerts);
        return alerts
            .GroupBy(a => (a.Gid, a.Sid))
            .Select(g =>
            {
                var last = g.MaxBy(a => a.Timestamp)!;
                return new RuleHit(g.Key.Gid, g.Key.Sid, last.Rev, last.Signature, g.Count(), g.Min(a => a.Severity));
            })
            .OrderByDescending(h => h.Count)
            .ThenBy(h => h.Gid)
            .ThenBy(h => h.Sid)
            .ToArray();
    }
}
