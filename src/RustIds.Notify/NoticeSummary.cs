using System.Globalization;
using System.Text;
using RustIds.Detection.Behaviour;
using RustIds.Reputation;

namespace RustIds.Notify;

/// <summary>
/// The plain-English summary of a notice, in four labelled lines: <c>What happened:</c>, <c>Why it is suspicious:</c>,
/// <c>What rustids did:</c> and <c>What to do next:</c>. Built from the <see cref="BlockNotice"/> alone.
/// </summary>
/// <remarks>
/// Deterministic and culture-invariant: the same notice gives the same text on every host, so the text written to the
/// outbox at enqueue time and the one composed again at delivery are equal. Off the hot path (one call per notice
/// delivered), so it favours readability over allocations. Stateless and thread-safe.
/// </remarks>
public static class NoticeSummary
{
    /// <summary>The four labels, in order; each line of <see cref="Compose"/> starts with one.</summary>
    public static IReadOnlyList<string> Labels { get; } = ["What happened:", "Why it is suspicious:", "What rustids did:", "What to do next:"];

    /// <summary>Rules and detections named in "What happened"; the rest are counted (the body lists them all).</summary>
    private const int MaxListedRules = 5;

    /// <summary>The summary to show: the rewritten <see cref="BlockNotice.Summary"/> when there is one, else <see cref="Compose"/>.</summary>
    public static string Text(BlockNotice notice)
    {
        ArgumentNullException.ThrowIfNull(notice);
        return notice.Summary ?? Compose(notice);
    }

    /// <summary>True when <see cref="Text"/> is not the template, so the template must be shown beside it.</summary>
    public static bool IsReplaced(BlockNotice notice)
    {
        ArgumentNullException.ThrowIfNull(notice);
        return notice.Summary is not null && !string.Equals(notice.Summary, Compose(notice), StringComparison.Ordinal);
    }

    /// <summary>The heading above <see cref="Text"/>: <c>Summary</c>, or <c>Summary (rewritten by MODEL)</c>.</summary>
    public static string Heading(BlockNotice notice)
    {
        ArgumentNullException.ThrowIfNull(notice);
        return notice.Summary is not null && notice.SummaryRewrittenBy is { } model ? $"Summary (rewritten by {model})" : "Summary";
    }

    /// <summary>Composes the four-line summary (lines separated by <c>\n</c>, no trailing newline).</summary>
    public static string Compose(BlockNotice notice)
    {
        ArgumentNullException.ThrowIfNull(notice);
        var (happened, why, did, next) = notice.Event switch
        {
            "unblock" => Unblock(notice),
            "test" => Test(notice),
            _ => Block(notice),
        };
        return string.Join('\n', Labels[0] + " " + happened, Labels[1] + " " + why, Labels[2] + " " + did, Labels[3] + " " + next);
    }

    private static (string, string, string, string) Block(BlockNotice notice)
    {
        var ci = CultureInfo.InvariantCulture;
        var who = Who(notice);
        var happened = notice.Rules.Count == 0
            ? $"{Capital(who)} was scored by rustids on {notice.Hostname}; no rule or detector is recorded with this notice."
            : $"{Capital(who)} set off {RuleList(notice.Rules)}.";

        // The pipeline names its outcomes "blocked" and "rate-limited"; BlockNotice.FromVerdict uses the verdict's "block" and "rate-limit".
        var rateLimit = notice.Action is "rate-limit" or "rate-limited";
        var score = string.Create(ci, $"Its reputation score is {notice.Score}, ") + (notice.Score >= notice.BlockThreshold
            ? string.Create(ci, $"at or above the block threshold of {notice.BlockThreshold}")
            : rateLimit
                ? string.Create(ci, $"below the block threshold of {notice.BlockThreshold} but high enough for a rate limit")
                : string.Create(ci, $"below the block threshold of {notice.BlockThreshold}, but one of the reasons decides regardless (a drop rule, a denied country or network)"));
        var why = $"{score}. {Reasons(notice.Reasons)}";

        var (verb, effect) = notice.Action switch
        {
            "block" or "blocked" => ("Blocked", ""),
            "rate-limit" or "rate-limited" => ("Rate-limited", " (packets past the allowed rate are dropped)"),
            _ => ($"Applied '{notice.Action}' to", ""),
        };
        var until = notice.ExpiresAt is { } expires
            ? $"for {NoticeText.Duration(notice.Duration)}, until {NoticeText.IsoUtc(expires)}"
            : "until it is removed by hand";
        var escalation = notice.EscalationLevel <= 0
            ? "This is its first block."
            : string.Create(ci, $"It is a repeat offender (escalation level {notice.EscalationLevel}), so the block was lengthened.");
        var did = $"{verb} {Who(notice, withCountry: false)} in the firewall of {notice.Hostname}{effect} at {NoticeText.IsoUtc(notice.DecidedAt)} {until}. {escalation}";

        var lift = rateLimit ? "lift the rate limit" : "lift the block";
        var ends = notice.ExpiresAt is { } end ? $"it ends by itself at {NoticeText.IsoUtc(end)}" : "it stays until removed";
        var next = $"If {notice.Target} is legitimate, {lift} with `{notice.UnblockCommand}` and add {notice.Target} to Firewall:Allowlist "
            + $"in the configuration (then `systemctl reload rustids`) so it is never blocked again. "
            + $"For the full explanation run `rustids ip check {notice.Address}`. Otherwise nothing is needed: {ends}.";
        return (happened, why, did, next);
    }

    private static (string, string, string, string) Unblock(BlockNotice notice)
    {
        var ci = CultureInfo.InvariantCulture;
        var who = Who(notice);
        var blocked = notice.Action.StartsWith("end of rate limit", StringComparison.Ordinal) ? "rate limit" : "block";
        var reason = Parenthesised(notice.Action) ?? "ended";
        var happened = string.Create(ci, $"The {blocked} of {who} ended at {NoticeText.IsoUtc(notice.DecidedAt)} ({reason}) after {NoticeText.Duration(notice.Duration)}.");
        var why = string.Create(ci, $"It had been blocked with a reputation score of {notice.Score}. {Reasons(notice.Reasons)}");
        var escalation = notice.EscalationLevel <= 0
            ? "It was a first block."
            : string.Create(ci, $"It was at escalation level {notice.EscalationLevel} (a repeat offender).");
        var did = $"Removed {Who(notice, withCountry: false)} from the firewall of {notice.Hostname}; its traffic is allowed again. {escalation}";
        var next = $"Nothing is needed. If it misbehaves again rustids blocks it again, for longer as a repeat offender. "
            + $"To block it now: `rustids block add {notice.Target}`; its history: `rustids ip check {notice.Address}`.";
        return (happened, why, did, next);
    }

    private static (string, string, string, string) Test(BlockNotice notice) => (
        $"This is a test message from `rustids notify test` on {notice.Hostname}; nothing was blocked.",
        "Nothing: it only checks that this channel delivers messages.",
        "Sent this message once through each configured channel, outside the outbox.",
        "Nothing; if you can read this, the channel works.");

    /// <summary><c>203.0.113.7 (country NL)</c> (the country once per summary) or <c>the prefix 2001:db8:5:6::/64 (country NL)</c>.</summary>
    private static string Who(BlockNotice notice, bool withCountry = true)
    {
        var country = notice.Country is null || !withCountry ? "" : $" (country {notice.Country})";
        return notice.Prefix is null ? notice.Address + country : $"the prefix {notice.Prefix}{country}";
    }

    private static string RuleList(IReadOnlyList<RuleHit> hits)
    {
        var ci = CultureInfo.InvariantCulture;
        var detections = hits.Count(h => h.Gid == DetectorSignature.Gid);
        var rules = hits.Count - detections;
        var kinds = (rules, detections) switch
        {
            (0, _) => Plural(detections, "behavioural detection"),
            (_, 0) => Plural(rules, "rule"),
            _ => $"{Plural(rules, "rule")} and {Plural(detections, "behavioural detection")}",
        };
        var text = new StringBuilder();
        text.Append(ci, $"{kinds} ({Plural(hits.Sum(h => h.Count), "alert")} in all): ");
        for (var i = 0; i < hits.Count && i < MaxListedRules; i++)
        {
            var hit = hits[i];
            if (i > 0)
                text.Append("; ");
            if (hit.Gid == DetectorSignature.Gid)
            {
                // The detector's message already carries its evidence ("... 40 attempts to login ports in 60 s").
                var evidence = hit.Signature.StartsWith("RUSTIDS ", StringComparison.Ordinal) ? hit.Signature["RUSTIDS ".Length..] : hit.Signature;
                text.Append(ci, $"the behaviour detector found {evidence} ({hit.Gid}:{hit.Sid}, {Plural(hit.Count, "alert")})");
            }
            else
            {
                text.Append(ci, $"rule \"{hit.Signature}\" ({hit.Gid}:{hit.Sid}, {Plural(hit.Count, "alert")})");
            }
        }
        if (hits.Count > MaxListedRules)
            text.Append(ci, $"; and {hits.Count - MaxListedRules} more, listed below");
        return text.ToString();
    }

    private static string Reasons(IReadOnlyList<VerdictReason> reasons)
    {
        if (reasons.Count == 0)
            return "No reasons were recorded.";
        var text = new StringBuilder("The reasons: ");
        for (var i = 0; i < reasons.Count; i++)
        {
            var reason = reasons[i];
            if (i > 0)
                text.Append("; ");
            text.Append(reason.Kind);
            if (reason.Points != 0)
                text.Append(CultureInfo.InvariantCulture, $" ({reason.Points:+0;-0} points)");
            text.Append(": ").Append(reason.Detail);
        }
        return text.Append('.').ToString();
    }

    private static string Plural(int count, string noun) =>
        string.Create(CultureInfo.InvariantCulture, $"{count} {noun}{(count == 1 ? "" : "s")}");

    private static string Capital(string text) => text.Length > 0 && char.IsAsciiLetterLower(text[0]) ? char.ToUpperInvariant(text[0]) + text[1..] : text;

    /// <summary>The text inside the last parentheses of <paramref name="action"/> (<c>unblock (expired)</c> → <c>expired</c>), or null.</summary>
    private static string? Parenthesised(string action)
    {
        var open = action.LastIndexOf('(');
        return open >= 0 && action.EndsWith(')') && action.Length - open > 2 ? action[(open + 1)..^1] : null;
    }
}
