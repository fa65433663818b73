using System.Globalization;
using System.Text;
using System.Text.Json;
using RustIds.Reputation;

namespace RustIds.Notify;

/// <summary>Small text helpers shared by the log writers and <see cref="NoticeFormatter"/>.</summary>
internal static class NoticeText
{
    /// <summary>ISO 8601 in UTC with second precision: <c>2026-12-04T13:11:50Z</c>.</summary>
    public static string IsoUtc(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static string ActionName(VerdictAction action) => action switch
    {
        VerdictAction.Allow => "allow",
        VerdictAction.Alert => "alert",
        VerdictAction.Block => "block",
        VerdictAction.RateLimit => "rate-limit",
        _ => action.ToString().ToLowerInvariant(),
    };

    /// <summary>Compact duration: <c>1d 2h</c>, <c>30m</c>, <c>45s</c>; <c>permanent</c> for zero or less.</summary>
    public static string Duration(TimeSpan duration)
    {
        if (duration <= TimeSpan.Zero)
            return "permanent";
        var text = new StringBuilder();
        Append(text, duration.Days, 'd');
        Append(text, duration.Hours, 'h');
        Append(text, duration.Minutes, 'm');
        Append(text, duration.Seconds, 's');
        return text.Length > 0 ? text.ToString() : "<1s";

        static void Append(StringBuilder text, int value, char unit)
        {
            if (value == 0)
                return;
            if (text.Length > 0)
                text.Append(' ');
            text.Append(value.ToString(CultureInfo.InvariantCulture)).Append(unit);
        }
    }

    public static void WriteReasons(Utf8JsonWriter json, IReadOnlyList<VerdictReason> reasons)
    {
        json.WriteStartArray("reasons"u8);
        foreach (var reason in reasons)
        {
            json.WriteStartObject();
            json.WriteString("kind"u8, reason.Kind);
            json.WriteString("detail"u8, reason.Detail);
            json.WriteNumber("points"u8, reason.Points);
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }

    /// <summary>Reads the reasons a block stored as JSON (<c>[{"Kind","Detail","Points"}]</c>); empty when unreadable.</summary>
    public static IReadOnlyList<VerdictReason> ReadReasons(string json)
    {
        var reasons = new List<VerdictReason>();
        try
        {
            using var document = JsonDocument.Parse(string.IsNullOrEmpty(json) ? "[]" : json);
            if (document.RootElement.ValueKind != JsonValueKind.Array)
                return reasons;
            foreach (var item in document.RootElement.EnumerateArray())
            {
                if (item.TryGetProperty("Kind", out var kind) && item.TryGetProperty("Detail", out var detail) && item.TryGetProperty("Points", out var points))
                    reasons.Add(new VerdictReason(kind.GetString() ?? "", detail.GetString() ?? "", points.TryGetInt32(out var p) ? p : 0));
            }
        }
        catch (JsonException)
        {
            // A hand-edited row: the notice goes out without its reasons rather than not at all.
        }
        return reasons;
    }
}
