using System.Buffers;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;

namespace RustIds.Notify;

/// <summary>Renders a <see cref="NoticeDigest"/> as a subject line, plain text, HTML, JSON and a Slack message.</summary>
/// <remarks>
/// The JSON digest (<see cref="ToJson"/>) is <c>{"event":"digest", "summary", "hostname", "period_start",
/// "period_end", "count", "held_back", "max_per_hour", "repeats":[{"event","target","count"}], "notices":[...]}</c>
/// where each notice is the object <see cref="NoticeFormatter.ToJson"/> writes. Stateless and thread-safe.
/// </remarks>
public static class DigestFormatter
{
    /// <summary>Slack rejects very long messages; past this many lines the rest is counted, not listed.</summary>
    internal const int SlackMaxLines = 50;

    /// <summary>One line for the subject or title.</summary>
    public static string Subject(NoticeDigest digest)
    {
        ArgumentNullException.ThrowIfNull(digest);
        var held = digest.HeldBack > 0 ? string.Create(CultureInfo.InvariantCulture, $", {digest.HeldBack} held back by the hourly cap") : "";
        var repeats = RepeatCount(digest) is > 0 and var r ? string.Create(CultureInfo.InvariantCulture, $", {r} repeats") : "";
        return string.Create(CultureInfo.InvariantCulture, $"[rustids] {digest.Hostname}: digest of {digest.Notices.Count} notices{held}{repeats}");
    }

    /// <summary>The plain-text body: a summary, one line per notice, then the full details of each.</summary>
    public static string PlainText(NoticeDigest digest)
    {
        ArgumentNullException.ThrowIfNull(digest);
        var ci = CultureInfo.InvariantCulture;
        var text = new StringBuilder(256 + (digest.Notices.Count * 160));
        text.Append(ci, $"rustids on {digest.Hostname}: {digest.Notices.Count} notices from {NoticeText.IsoUtc(digest.PeriodStart)} to {NoticeText.IsoUtc(digest.PeriodEnd)}.").Append('\n');
        if (digest.HeldBack > 0)
        {
            text.Append(ci, $"{digest.HeldBack} of them were held back because this channel sends at most {digest.MaxPerHour} messages an hour; they are all listed here.")
                .Append('\n');
        }
        foreach (var repeat in digest.Repeats)
            text.Append(ci, $"Repeated {repeat.Event} of {repeat.Target} x{repeat.Count} (deduplicated).").Append('\n');
        text.Append('\n');
        foreach (var notice in digest.Notices)
            text.Append(Line(notice)).Append('\n');
        text.Append('\n').Append("Details").Append('\n').Append("=======").Append('\n');
        foreach (var notice in digest.Notices)
            text.Append('\n').Append(NoticeFormatter.PlainText(notice));
        return text.ToString();
    }

    /// <summary>The same content as <see cref="PlainText"/> as an HTML table, every value encoded.</summary>
    public static string Html(NoticeDigest digest)
    {
        ArgumentNullException.ThrowIfNull(digest);
        var ci = CultureInfo.InvariantCulture;
        var html = new StringBuilder(512 + (digest.Notices.Count * 400));
        html.Append("<!DOCTYPE html>\n<html><body>\n");
        html.Append(ci, $"<p>rustids on <b>{E(digest.Hostname)}</b>: {digest.Notices.Count} notices from {NoticeText.IsoUtc(digest.PeriodStart)} to {NoticeText.IsoUtc(digest.PeriodEnd)}.</p>\n");
        if (digest.HeldBack > 0)
            html.Append(ci, $"<p>{digest.HeldBack} of them were held back because this channel sends at most {digest.MaxPerHour} messages an hour; they are all listed here.</p>\n");
        if (digest.Repeats.Count > 0)
        {
            html.Append("<ul>\n");
            foreach (var repeat in digest.Repeats)
                html.Append(ci, $"<li>Repeated {E(repeat.Event)} of {E(repeat.Target)} x{repeat.Count} (deduplicated)</li>\n");
            html.Append("</ul>\n");
        }
        html.Append("<table>\n<tr><th>Target</th><th>Country</th><th>Score</th><th>Action</th><th>Severity</th><th>Escalation</th><th>Expires</th><th>Rules</th><th>Undo</th></tr>\n");
        foreach (var notice in digest.Notices)
        {
            html.Append("<tr><td>").Append(E(notice.Target))
                .Append("</td><td>").Append(E(notice.Country ?? "unknown"))
                .Append("</td><td>").Append(notice.Score.ToString(ci))
                .Append("</td><td>").Append(E(notice.Action))
                .Append("</td><td>").Append(NoticeSeverities.Name(notice.Severity))
                .Append("</td><td>").Append(notice.EscalationLevel.ToString(ci))
                .Append("</td><td>").Append(E(NoticeFormatter.Expiry(notice)))
                .Append("</td><td>").Append(E(Rules(notice)))
                .Append("</td><td><code>").Append(E(notice.UnblockCommand))
                .Append("</code></td></tr>\n");
        }
        html.Append("</table>\n</body></html>\n");
        return html.ToString();

        static string E(string value) => WebUtility.HtmlEncode(value);
    }

    /// <summary>The JSON digest described in the remarks of <see cref="DigestFormatter"/>.</summary>
    public static byte[] ToJson(NoticeDigest digest)
    {
        ArgumentNullException.ThrowIfNull(digest);
        var buffer = new ArrayBufferWriter<byte>(1024 + (digest.Notices.Count * 900));
        using (var json = new Utf8JsonWriter(buffer, NoticeFormatter.WriterOptions))
        {
            json.WriteStartObject();
            json.WriteString("event"u8, "digest"u8);
            json.WriteString("summary"u8, Subject(digest));
            json.WriteString("hostname"u8, digest.Hostname);
            json.WriteString("period_start"u8, NoticeText.IsoUtc(digest.PeriodStart));
            json.WriteString("period_end"u8, NoticeText.IsoUtc(digest.PeriodEnd));
            json.WriteNumber("count"u8, digest.Notices.Count);
            json.WriteNumber("held_back"u8, digest.HeldBack);
            json.WriteNumber("max_per_hour"u8, digest.MaxPerHour);
            json.WriteStartArray("repeats"u8);
            foreach (var repeat in digest.Repeats)
            {
                json.WriteStartObject();
                json.WriteString("event"u8, repeat.Event);
                json.WriteString("target"u8, repeat.Target);
                json.WriteNumber("count"u8, repeat.Count);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteStartArray("notices"u8);
            foreach (var notice in digest.Notices)
                NoticeFormatter.WriteNotice(json, notice);
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>A Slack-compatible <c>{"text": ...}</c>: the summary and one line per notice, the first <see cref="SlackMaxLines"/> listed.</summary>
    public static byte[] ToSlackJson(NoticeDigest digest)
    {
        ArgumentNullException.ThrowIfNull(digest);
        var text = new StringBuilder();
        text.Append('*').Append(Subject(digest)).Append("*\n```\n");
        foreach (var notice in digest.Notices.Take(SlackMaxLines))
            text.Append(Line(notice)).Append('\n');
        if (digest.Notices.Count > SlackMaxLines)
            text.Append(CultureInfo.InvariantCulture, $"... and {digest.Notices.Count - SlackMaxLines} more (rustids block list)").Append('\n');
        foreach (var repeat in digest.Repeats)
            text.Append(CultureInfo.InvariantCulture, $"repeated {repeat.Event} of {repeat.Target} x{repeat.Count}").Append('\n');
        text.Append("```");
        var buffer = new ArrayBufferWriter<byte>(text.Length + 64);
        using (var json = new Utf8JsonWriter(buffer, NoticeFormatter.WriterOptions))
        {
            json.WriteStartObject();
            json.WriteString("text"u8, text.ToString());
            json.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>One line per notice: what, who, where from, score, severity, until when, top rule, undo.</summary>
    internal static string Line(BlockNotice notice) => string.Create(CultureInfo.InvariantCulture,
        $"{NoticeText.IsoUtc(notice.DecidedAt)}  {notice.Action} {notice.Target} ({notice.Country ?? "??"}) score {notice.Score} {NoticeSeverities.Name(notice.Severity)}, escalation {notice.EscalationLevel}, until {NoticeFormatter.Expiry(notice)}; {Rules(notice)}; undo: {notice.UnblockCommand}");

    private static string Rules(BlockNotice notice) =>
        notice.Rules.Count == 0 ? "no rules"
        : string.Join(", ", notice.Rules.Select(r => string.Create(CultureInfo.InvariantCulture, $"sid {r.Sid} x{r.Count} {r.Signature}")));

    private static int RepeatCount(NoticeDigest digest) => digest.Repeats.Sum(r => r.Count);
}
