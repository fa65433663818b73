using System.Globalization;
using System.Text.Json;
using RustIds.Packets;
using RustIds.Reputation;

namespace RustIds.Notify;

/// <summary>Reads the payload written by <see cref="NoticeFormatter.ToJson"/> back into a <see cref="BlockNotice"/>.</summary>
/// <remarks>
/// The outbox stores each notice as this documented payload, so what is queued is exactly what a generic
/// webhook receives, and a notice survives a restart without a second serialisation format.
/// Times come back at second precision, as written. The template summary is not read back but composed again from the
/// facts (the same text, <see cref="NoticeSummary"/> is deterministic); only a rewritten summary is kept.
/// </remarks>
internal static class NoticeJsonReader
{
    /// <exception cref="JsonException">The text is not a notice payload.</exception>
    public static BlockNotice Read(string json)
    {
        using var document = JsonDocument.Parse(json);
        return Read(document.RootElement);
    }

    /// <exception cref="JsonException">The element is not a notice payload.</exception>
    public static BlockNotice Read(JsonElement root)
    {
        try
        {
            var reasons = new List<VerdictReason>();
            foreach (var reason in root.GetProperty("reasons").EnumerateArray())
                reasons.Add(new VerdictReason(reason.GetProperty("kind").GetString()!, reason.GetProperty("detail").GetString()!, reason.GetProperty("points").GetInt32()));
            var rules = new List<RuleHit>();
            foreach (var rule in root.GetProperty("rules").EnumerateArray())
            {
                rules.Add(new RuleHit(rule.GetProperty("gid").GetInt32(), rule.GetProperty("sid").GetInt64(), rule.GetProperty("rev").GetInt32(),
                    rule.GetProperty("signature").GetString()!, rule.GetProperty("count").GetInt32(),
                    rule.TryGetProperty("severity", out var ruleSeverity) ? ruleSeverity.GetInt32() : 3));
            }
            var summary = ReplacedSummary(root);
            var severity = root.TryGetProperty("severity", out var s) && NoticeSeverities.TryParse(s.GetString(), out var parsed) ? parsed : NoticeSeverity.Medium;
            return new BlockNotice
            {
                Event = root.GetProperty("event").GetString()!,
                Address = IpAddr.Parse(root.GetProperty("address").GetString()!),
                Prefix = NullableString(root, "prefix"),
                Country = NullableString(root, "country"),
                Score = root.GetProperty("score").GetInt32(),
                BlockThreshold = root.GetProperty("block_threshold").GetInt32(),
                Action = root.GetProperty("action").GetString()!,
                Duration = TimeSpan.FromSeconds(root.GetProperty("duration_seconds").GetInt64()),
                ExpiresAt = NullableString(root, "expires_at") is { } expires ? ParseTime(expires) : null,
                DecidedAt = ParseTime(root.GetProperty("decided_at").GetString()!),
                Hostname = root.GetProperty("hostname").GetString()!,
                UnblockCommand = root.GetProperty("unblock_command").GetString()!,
                Severity = severity,
                EscalationLevel = root.TryGetProperty("escalation_level", out var level) ? level.GetInt32() : 0,
                Reasons = reasons,
                Rules = rules,
                Summary = summary,
                SummaryRewrittenBy = summary is null ? null : NullableString(root, "summary_rewritten_by"),
            };
        }
        catch (Exception ex) when (ex is KeyNotFoundException or InvalidOperationException or FormatException or ArgumentException)
        {
            throw new JsonException("Not a rustids notice payload: " + ex.Message, ex);
        }
    }

    /// <summary>
    /// The summary when it is not the template's (a rewritten one), else null so the template is composed again.
    /// Rows written before summaries existed have no <c>summary_template</c>, and their <c>summary</c> was the subject line.
    /// </summary>
    private static string? ReplacedSummary(JsonElement root) =>
        NullableString(root, "summary") is { } summary && NullableString(root, "summary_template") is { } template
            && !string.Equals(summary, template, StringComparison.Ordinal) ? summary : null;

    private static string? NullableString(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static DateTimeOffset ParseTime(string text) =>
        DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
}
