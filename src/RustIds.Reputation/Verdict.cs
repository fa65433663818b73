using RustIds.Packets;

namespace RustIds.Reputation;

/// <summary>The scorer's decision for one address, with every reason that led to it.</summary>
public sealed record Verdict
{
    public required IpAddr Address { get; init; }
    public required VerdictAction Action { get; init; }

    /// <summary>Score clamped to 0–100.</summary>
    public required int Score { get; init; }

    /// <summary>The score at or above which the action is Block.</summary>
    public required int BlockThreshold { get; init; }

    /// <summary>Block or rate-limit duration; zero unless <see cref="Action"/> is Block or RateLimit.</summary>
    public TimeSpan Duration { get; init; }

    /// <summary>Prior blocks of the address: 0 for a first offence; each level doubles <see cref="Duration"/>.</summary>
    public int EscalationLevel { get; init; }

    /// <summary>True for the actions that change the firewall (Block, RateLimit).</summary>
    public bool ChangesFirewall => Action is VerdictAction.Block or VerdictAction.RateLimit;

    /// <summary>ISO 3166 country code from GeoIP, or null when unknown.</summary>
    public string? Country { get; init; }

    public required IReadOnlyList<VerdictReason> Reasons { get; init; }

    public string Explain() =>
        $"{Address}: {Action} (score {Score}/{BlockThreshold})" + Environment.NewLine +
        (Reasons.Count == 0 ? "  (no evidence)" : string.Join(Environment.NewLine, Reasons.Select(r => "  " + r)));
}
