using System.Buffers;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace RustIds.Notify;

/// <summary>Renders a <see cref="BlockNotice"/> as a subject line, plain text, HTML and JSON, each with its plain-English summary.</summary>
/// <remarks>
/// The JSON payload (<see cref="ToJson"/>) is an object with these snake_case fields:
/// <c>event</c> (<c>"block"</c>, <c>"unblock"</c>, or <c>"test"</c> from <c>rustids notify test</c>), <c>subject</c> (the subject line),
/// <c>summary</c> (the plain-English summary: rewritten, or the template's), <c>summary_template</c> (always the template's,
/// <see cref="NoticeSummary.Compose"/>), <c>summary_rewritten_by</c> (the model, or null), <c>address</c>,
/// <c>prefix</c> (the blocked prefix, or null for one address), <c>country</c>
/// (ISO 3166 code or null), <c>score</c>, <c>block_threshold</c>, <c>action</c>,
/// <c>duration_seconds</c> (0 = until removed), <c>duration</c> (text, e.g. <c>"1h 30m"</c>),
/// <c>expires_at</c> (ISO 8601 UTC or null), <c>decided_at</c> (ISO 8601 UTC), <c>hostname</c>,
/// <c>unblock_command</c>, <c>severity</c> (<c>info</c>, <c>low</c>, <c>medium</c>, <c>high</c>, <c>critical</c>),
/// <c>escalation_level</c> (0 for a first block), <c>reasons</c> (array of <c>kind</c>, <c>detail</c>, <c>points</c>) and
/// <c>rules</c> (array of <c>gid</c>, <c>sid</c>, <c>rev</c>, <c>signature</c>, <c>count</c>, <c>severity</c>).
/// Stateless and thread-safe.
/// </remarks>
public static class NoticeFormatter
{
    internal static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>One line for an email subject or chat message title.</summary>
    public static string Subject(BlockNotice notice)
    {
        ArgumentNullException.ThrowIfNull(notice);
        var country = notice.Country is null ? "" : $" ({notice.Country})";
        if (notice.Event == "test")
            return $"[rustids] {notice.Hostname}: test message (about {notice.Target}; nothing was blocked)";
        if (notice.Event == "unblock")
        {
            return string.Create(CultureInfo.InvariantCulture,
                $"[rustids] {notice.Hostname}: {notice.Action} {notice.Target}{country}, was score {notice.Score}, blocked for {NoticeText.Duration(notice.Duration)}");
        }
        return string.Create(CultureInfo.InvariantCulture,
            $"[rustids] {notice.Hostname}: {notice.Action} {notice.Target}{country}, score {notice.Score}/{notice.BlockThreshold}, {NoticeText.Duration(notice.Duration)}");
    }

    /// <summary>
    /// The plain-text body: the plain-English summary (<see cref="NoticeSummary"/>), the facts, reasons, rules and the
    /// unblock command; when the summary was rewritten, the template's summary comes last.
    /// </summary>
    public static string PlainText(BlockNotice notice)
    {
        ArgumentNullException.ThrowIfNull(notice);
        var text = new StringBuilder(2048);
        text.Append(CultureInfo.InvariantCulture, $"rustids on {notice.Hostname} applied '{notice.Action}' to {notice.Target}.").Append('\n').Append('\n');
        text.Append(NoticeSummary.Heading(notice)).Append(':').Append('\n');
        text.Append(NoticeSummary.Text(notice)).Append('\n').Append('\n');
        AppendFacts(text, notice);
        if (NoticeSummary.IsReplaced(notice))
            text.Append('\n').Append(TemplateHeading).Append(':').Append('\n').Append(NoticeSummary.Compose(notice)).Append('\n');
        return text.ToString();
    }

    /// <summary>The facts of <see cref="PlainText"/> without the summary: the table, reasons, rules and the unblock command.</summary>
    public static string Facts(BlockNotice notice)
    {
        ArgumentNullException.ThrowIfNull(notice);
        var text = new StringBuilder(1024);
        AppendFacts(text, notice);
        return text.ToString();
    }

    private static void AppendFacts(StringBuilder text, BlockNotice notice)
    {
        var ci = CultureInfo.InvariantCulture;
        text.Append(ci, $"Address:    {notice.Target}").Append('\n');
        text.Append(ci, $"Country:    {notice.Country ?? "unknown"}").Append('\n');
        text.Append(ci, $"Score:      {notice.Score} (block threshold {notice.BlockThreshold})").Append('\n');
        text.Append(ci, $"Action:     {notice.Action}").Append('\n');
        text.Append(ci, $"Escalation: {Escalation(notice.EscalationLevel)}").Append('\n');
        text.Append(ci, $"Severity:   {NoticeSeverities.Name(notice.Severity)}").Append('\n');
        text.Append(ci, $"Duration:   {NoticeText.Duration(notice.Duration)}").Append('\n');
        text.Append(ci, $"Expires:    {Expiry(notice)}").Append('\n');
        text.Append(ci, $"Decided:    {NoticeText.IsoUtc(notice.DecidedAt)}").Append('\n');
        text.Append('\n').Append("Reasons:").Append('\n');
        foreach (var reason in notice.Reasons)
            text.Append(ci, $"  {reason.Points,4:+0;-0;0}  {reason.Kind}: {reason.Detail}").Append('\n');
        text.Append('\n').Append("Rules:").Append('\n');
        if (notice.Rules.Count == 0)
            text.Append("  (none)").Append('\n');
        foreach (var rule in notice.Rules)
            text.Append(ci, $"  sid {rule.Sid} [{rule.Gid}:{rule.Sid}:{rule.Rev}] x{rule.Count}  {rule.Signature}").Append('\n');
        text.Append('\n').Append("To unblock:").Append('\n');
        text.Append("  ").Append(notice.UnblockCommand).Append('\n');
    }

    /// <summary>The same content as <see cref="PlainText"/> as a small HTML document, every value encoded.</summary>
    public static string Html(BlockNotice notice)
    {
        ArgumentNullException.ThrowIfNull(notice);
        var html = new StringBuilder(2048);
        var ci = CultureInfo.InvariantCulture;
        html.Append("<!DOCTYPE html>\n<html><body>\n");
        html.Append(ci, $"<p>rustids on <b>{E(notice.Hostname)}</b> applied <b>{E(notice.Action)}</b> to <b>{E(notice.Target)}</b>.</p>\n");
        html.Append("<h3>").Append(E(NoticeSummary.Heading(notice))).Append("</h3>\n");
        SummaryParagraphs(html, NoticeSummary.Text(notice));
        html.Append("<table>\n");
        Row(html, "Address", notice.Target);
        Row(html, "Country", notice.Country ?? "unknown");
        Row(html, "Score", string.Create(ci, $"{notice.Score} (block threshold {notice.BlockThreshold})"));
        Row(html, "Action", notice.Action);
        Row(html, "Escalation", Escalation(notice.EscalationLevel));
        Row(html, "Severity", NoticeSeverities.Name(notice.Severity));
        Row(html, "Duration", NoticeText.Duration(notice.Duration));
        Row(html, "Expires", Expiry(notice));
        Row(html, "Decided", NoticeText.IsoUtc(notice.DecidedAt));
        html.Append("</table>\n<h3>Reasons</h3>\n<ul>\n");
        foreach (var reason in notice.Reasons)
            html.Append(ci, $"<li>{reason.Points:+0;-0;0} {E(reason.Kind)}: {E(reason.Detail)}</li>\n");
        html.Append("</ul>\n<h3>Rules</h3>\n<ul>\n");
        foreach (var rule in notice.Rules)
            html.Append(ci, $"<li>sid {rule.Sid} [{rule.Gid}:{rule.Sid}:{rule.Rev}] x{rule.Count} {E(rule.Signature)}</li>\n");
        html.Append("</ul>\n<h3>To unblock</h3>\n");
        html.Append(ci, $"<pre>{E(notice.UnblockCommand)}</pre>\n");
        if (NoticeSummary.IsReplaced(notice))
        {
            html.Append("<h3>").Append(TemplateHeading).Append("</h3>\n");
            SummaryParagraphs(html, NoticeSummary.Compose(notice));
        }
        html.Append("</body></html>\n");
        return html.ToString();

        static string E(string value) => WebUtility.HtmlEncode(value);

        // One paragraph per line; the template's labels in bold.
        static void SummaryParagraphs(StringBuilder html, string summary)
        {
            foreach (var line in summary.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var label = NoticeSummary.Labels.FirstOrDefault(l => line.StartsWith(l, StringComparison.Ordinal));
                html.Append("<p>");
                if (label is not null)
                    html.Append("<b>").Append(E(label)).Append("</b>").Append(E(line[label.Length..]));
                else
                    html.Append(E(line));
                html.Append("</p>\n");
            }
        }

        static void Row(StringBuilder html, string name, string value) =>
            html.Append("<tr><th align=\"left\">").Append(name).Append("</th><td>").Append(E(value)).Append("</td></tr>\n");
    }

    /// <summary>The JSON payload (UTF-8) described in the remarks of <see cref="NoticeFormatter"/>.</summary>
    public static byte[] ToJson(BlockNotice notice)
    {
        ArgumentNullException.ThrowIfNull(notice);
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var json = new Utf8JsonWriter(buffer, WriterOptions))
            WriteNotice(json, notice);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Writes the JSON object of <see cref="ToJson"/> to <paramref name="json"/> (digests embed it).</summary>
    internal static void WriteNotice(Utf8JsonWriter json, BlockNotice notice)
    {
        json.WriteStartObject();
        json.WriteString("event"u8, notice.Event);
        json.WriteString("subject"u8, Subject(notice));
        var template = NoticeSummary.Compose(notice);
        json.WriteString("summary"u8, notice.Summary ?? template);
        json.WriteString("summary_template"u8, template);
        if (notice.Summary is not null && notice.SummaryRewrittenBy is { } model)
            json.WriteString("summary_rewritten_by"u8, model);
        else
            json.WriteNull("summary_rewritten_by"u8);
        json.WriteString("address"u8, notice.Address.ToString());
        if (notice.Prefix is null)
            json.WriteNull("prefix"u8);
        else
            json.WriteString("prefix"u8, notice.Prefix);
        if (notice.Country is null)
            json.WriteNull("country"u8);
        else
            json.WriteString("country"u8, notice.Country);
        json.WriteNumber("score"u8, notice.Score);
        json.WriteNumber("block_threshold"u8, notice.BlockThreshold);
        json.WriteString("action"u8, notice.Action);
        json.WriteNumber("duration_seconds"u8, notice.Duration > TimeSpan.Zero ? (long)notice.Duration.TotalSeconds : 0);
        json.WriteString("duration"u8, NoticeText.Duration(notice.Duration));
        if (notice.ExpiresAt is { } expires)
            json.WriteString("expires_at"u8, NoticeText.IsoUtc(expires));
        else
            json.WriteNull("expires_at"u8);
        json.WriteString("decided_at"u8, NoticeText.IsoUtc(notice.DecidedAt));
        json.WriteString("hostname"u8, notice.Hostname);
        json.WriteString("unblock_command"u8, notice.UnblockCommand);
        json.WriteString("severity"u8, NoticeSeverities.Name(notice.Severity));
        json.WriteNumber("escalation_level"u8, notice.EscalationLevel);
        NoticeText.WriteReasons(json, notice.Reasons);
        json.WriteStartArray("rules"u8);
        foreach (var rule in notice.Rules)
        {
            json.WriteStartObject();
            json.WriteNumber("gid"u8, rule.Gid);
            json.WriteNumber("sid"u8, rule.Sid);
            json.WriteNumber("rev"u8, rule.Rev);
            json.WriteString("signature"u8, rule.Signature);
            json.WriteNumber("count"u8, rule.Count);
            json.WriteNumber("severity"u8, rule.Severity);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary>
    /// A Slack-compatible incoming-webhook payload, <c>{"text": ...}</c>: the subject in bold, the summary as the first
    /// text block, then the facts in a code block (and the template's summary when it was rewritten).
    /// </summary>
    /// <remarks>Mattermost, Rocket.Chat and Discord's <c>/slack</c> endpoint accept the same shape.</remarks>
    public static byte[] ToSlackJson(BlockNotice notice)
    {
        ArgumentNullException.ThrowIfNull(notice);
        var text = new StringBuilder(2048);
        text.Append('*').Append(Subject(notice)).Append("*\n");
        text.Append('*').Append(SlackEscape(NoticeSummary.Heading(notice))).Append(":*\n").Append(SlackEscape(NoticeSummary.Text(notice))).Append('\n');
        text.Append("```\n").Append(Facts(notice)).Append("```");
        if (NoticeSummary.IsReplaced(notice))
            text.Append("\n_").Append(TemplateHeading).Append(":_\n").Append(SlackEscape(NoticeSummary.Compose(notice)));
        var buffer = new ArrayBufferWriter<byte>(text.Length + 256);
        using (var json = new Utf8JsonWriter(buffer, WriterOptions))
        {
            json.WriteStartObject();
            json.WriteString("text"u8, text.ToString());
            json.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>The heading of the template's summary where a rewritten one is shown first.</summary>
    internal const string TemplateHeading = "Summary as rustids' template wrote it";

    /// <summary>
    /// Slack's escaping for message text (&amp;, &lt;, &gt;), so a summary cannot form a link or an <c>&lt;!channel&gt;</c>
    /// mention; a rewritten summary is model output.
    /// </summary>
    private static string SlackEscape(string text) => text.Replace("&", "&amp;", StringComparison.Ordinal)
        .Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);

    internal static string Escalation(int level) =>
        level <= 0 ? "0 (first block)" : string.Create(CultureInfo.InvariantCulture, $"{level} (repeat offender, block lengthened)");

    internal static string Expiry(BlockNotice notice) =>
        notice.ExpiresAt is { } expires ? NoticeText.IsoUtc(expires) : "never (until removed)";
}
