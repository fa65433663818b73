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
    /// <summary>The blocked address.</summary>
    public required IpAddr Address { get; init; }

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
        };
    }
}
