using System.Globalization;
using RustIds.Packets;
using RustIds.Reputation;

namespace RustIds.Notify;

/// <summary>
/// Everything an operator needs to know about one block: who, why, for how long, and how to undo
/// it. Built by the engine when the response stage blocks an address; rendered by
/// <see cref="NoticeFormatter"/> and sent by each <see cref="INotificationChannel"/>.
/// </summary>
public sealed record BlockNotice
{
    /// <summary><c>block</c> for a new block, <c>unblock</c> when one ended (expired, removed).</summary>
    public string Event { get; init; } = "block";

    /// <summary>The blocked address (the network address for a prefix block).</summary>
    public required IpAddr Address { get; init; }

    /// <summary>The blocked prefix (<c>2001:db8:5:6::/64</c>) when the block covered one; null for a single address.</summary>
    public string? Prefix { get; init; }

    /// <summary>What the notice is about, as people read it: the prefix, or the address.</summary>
    public string Target => Prefix ?? Address.ToString();

    /// <summary>ISO 3166 country code from GeoIP, or null when unknown.</summary>
    public string? Country { get; init; }

    /// <summary>The reputation score (0–100).</summary>
    public required int Score { get; init; }

    /// <summary>The score at or above which rustids blocks.</summary>
    public required int BlockThreshold { get; init; }

    /// <summary>Every contribution to the score, from the verdict.</summary>
    public required IReadOnlyList<VerdictReason> Reasons { get; init; }

    /// <summary>Rules and detectors that fired for the address, with counts.</summary>
    public required IReadOnlyList<RuleHit> Rules { get; init; }

    /// <summary>What was done, for people: for example <c>block</c> or <c>block (escalated)</c>.</summary>
    public required string Action { get; init; }

    /// <summary>How long the block lasts; zero or less means until removed.</summary>
    public TimeSpan Duration { get; init; }

    /// <summary>When the block expires, or null when it does not.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>When the decision was taken.</summary>
    public required DateTimeOffset DecidedAt { get; init; }

    /// <summary>The command that lifts the block, for example <c>rustids block remove 203.0.113.7</c>.</summary>
    public required string UnblockCommand { get; init; }

    /// <summary>The gateway that took the decision.</summary>
    public required string Hostname { get; init; }

    /// <summary>How urgent the notice is; decides between immediate delivery and the digest (see <see cref="NoticeSeverities"/>).</summary>
    public NoticeSeverity Severity { get; init; } = NoticeSeverity.Medium;

    /// <summary>The block's escalation level: 0 for a first block, 1 or more for a repeat offender whose block was lengthened.</summary>
    public int EscalationLevel { get; init; }

    /// <summary>
    /// The plain-English summary when it is not the template's: rewritten at delivery by an <see cref="ISummaryRewriter"/>.
    /// Null (the default) means <see cref="NoticeSummary.Compose"/>; use <see cref="NoticeSummary.Text"/> to get either.
    /// </summary>
    public string? Summary { get; init; }

    /// <summary>Who wrote <see cref="Summary"/> (the model name, shown as "rewritten by ..."); null when it is the template.</summary>
    public string? SummaryRewrittenBy { get; init; }

    /// <summary>Builds the notice that a block has ended.</summary>
    /// <param name="record">The closed block (its target, score, reasons, rules and times are copied).</param>
    /// <param name="why">Why it ended, for example <c>expired</c>.</param>
    /// <param name="endedAt">When it ended.</param>
    /// <param name="hostname">This gateway's name.</param>
    public static BlockNotice FromEndedBlock(Response.BlockRecord record, string why, DateTimeOffset endedAt, string hostname)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(why);
        ArgumentNullException.ThrowIfNull(hostname);
        var prefix = Response.FirewallTarget.IsSingleAddress(record.Target) ? null : record.TargetText;
        return new BlockNotice
        {
            Event = "unblock",
            Address = record.Target.Network,
            Prefix = prefix,
            Score = record.Score,
            BlockThreshold = 0,
            Reasons = [.. NoticeText.ReadReasons(record.ReasonsJson), new VerdictReason("rules", record.Rules, 0)],
            Rules = [],
            Action = record.Action == Response.FirewallAction.Block ? $"unblock ({why})" : $"end of rate limit ({why})",
            Duration = record.ExpiresAt - record.CreatedAt,
            ExpiresAt = record.ExpiresAt,
            DecidedAt = endedAt,
            UnblockCommand = $"nothing to do; to block it again: rustids block add {record.TargetText}",
            Hostname = hostname,
            Severity = NoticeSeverity.Info,
            EscalationLevel = record.EscalationLevel,
        };
    }

    /// <summary>Builds a notice from a block verdict.</summary>
    /// <param name="verdict">The verdict (its address, score, threshold, duration, country and reasons are copied).</param>
    /// <param name="rules">Rules that fired for the address, see <see cref="RuleHit.Summarize"/>.</param>
    /// <param name="decidedAt">When the block was applied; the expiry is this plus the duration.</param>
    /// <param name="hostname">This gateway's name, for example <see cref="Environment.MachineName"/>.</param>
    public static BlockNotice FromVerdict(Verdict verdict, IReadOnlyList<RuleHit> rules, DateTimeOffset decidedAt, string hostname)
    {
        ArgumentNullException.ThrowIfNull(verdict);
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(hostname);
        var expires = verdict.Duration > TimeSpan.Zero ? decidedAt + verdict.Duration : (DateTimeOffset?)null;
        return new BlockNotice
        {
            Address = verdict.Address,
            Country = verdict.Country,
            Score = verdict.Score,
            BlockThreshold = verdict.BlockThreshold,
            Reasons = verdict.Reasons,
            Rules = rules,
            Action = NoticeText.ActionName(verdict.Action),
            Duration = verdict.Duration,
            ExpiresAt = expires,
            DecidedAt = decidedAt,
            UnblockCommand = string.Create(CultureInfo.InvariantCulture, $"rustids block remove {verdict.Address}"),
            Hostname = hostname,
            Severity = NoticeSeverities.FromAlertSeverity(rules.Count == 0 ? 0 : rules.Min(r => r.Severity), verdict.EscalationLevel),
            EscalationLevel = verdict.EscalationLevel,
        };
    }
}
