using System.Globalization;
using System.Text.Json;
using RustIds.Packets;
using RustIds.Reputation;
using RustIds.Reputation.Feeds.Refresh;
using RustIds.Reputation.Storage;
using RustIds.Response;

namespace RustIds.Engine.Explain;

/// <summary>What <c>rustids ip check</c> found about one address, printed as text or JSON.</summary>
public sealed class IpCheckReport(IpAddr address, DateTimeOffset now)
{
    public string? Allowlisted { get; set; }
    public int FeedCount { get; set; }
    public IReadOnlyList<LoadedFeed> Listings { get; set; } = [];
    public string? Country { get; set; }
    public uint? Asn { get; set; }
    public AddressHistory History { get; set; } = AddressHistory.None(address);
    public IReadOnlyList<SignatureCount> Signatures { get; set; } = [];
    public IReadOnlyList<StoredVerdict> Verdicts { get; set; } = [];
    public IReadOnlyList<BlockRecord> Blocks { get; set; } = [];
    public Verdict WithoutAlert { get; set; } = null!;
    public Verdict WithPriority1Alert { get; set; } = null!;

    public string ToText()
    {
        var text = new System.Text.StringBuilder();
        void Line(string label, string value) => text.Append(CultureInfo.InvariantCulture, $"{label,-13}{value}\n");
        Line("address:", address.ToString());
        Line("country:", Country ?? "unknown");
        Line("asn:", Asn is { } asn ? string.Create(CultureInfo.InvariantCulture, $"AS{asn}") : "unknown");
        Line("allowlist:", Allowlisted is null ? "not protected" : "protected: " + Allowlisted);
        if (Listings.Count == 0)
            Line("feeds:", $"not listed (by any of {FeedCount} loaded)");
        foreach (var feed in Listings)
        {
            var hits = feed.List.Hits(address);
            var entry = feed.List.Set.TryFindRange(address, out var first, out var last) ? (first == last ? first.ToString() : $"{first}-{last}") : address.ToString();
            Line(feed == Listings[0] ? "feeds:" : "", string.Create(CultureInfo.InvariantCulture,
                $"{feed.Name}: {entry}{(hits > 1 ? $", {hits} hits" : "")}, copy {AgeText.Format(feed.FetchedAt, now)} old{(feed.Definition.Category.Length > 0 ? ", " + feed.Definition.Category : "")}"));
        }
        if (Blocks.Count == 0)
            Line("block:", "none active");
        foreach (var block in Blocks)
        {
            var action = block.Action == FirewallAction.Block ? "block" : "rate limit";
            Line("block:", $"{action} of {block.TargetText} until {block.ExpiresAt.UtcDateTime.ToString("u", CultureInfo.InvariantCulture)}, " +
                $"score {block.Score}, escalation level {block.EscalationLevel}, rules {block.Rules}");
        }
        Line("history:", History.AlertCount == 0 && History.PriorBlockCount == 0
            ? "none"
            : string.Create(CultureInfo.InvariantCulture, $"{History.AlertCount} alert(s), {History.PriorBlockCount} earlier block(s), first {History.FirstSeen:u}, last {History.LastSeen:u}"));
        foreach (var signature in Signatures)
            Line("", string.Create(CultureInfo.InvariantCulture, $"{signature.Count,5} x {signature.Gid}:{signature.Sid} \"{signature.Signature}\", last {signature.Last:u}"));
        foreach (var stored in Verdicts)
            Line(stored == Verdicts[0] ? "verdicts:" : "", string.Create(CultureInfo.InvariantCulture, $"{stored.At:u} {stored.Verdict.Action} score {stored.Verdict.Score}"));
        text.Append("\nwith no new alert:\n").Append(Indent(WithoutAlert.Explain())).Append('\n');
        text.Append("with one priority-1 rule hit:\n").Append(Indent(WithPriority1Alert.Explain()));
        return text.ToString();
    }

    public string ToJson()
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteString("address", address.ToString());
            WriteOptional(writer, "country", Country);
            if (Asn is { } asn)
                writer.WriteNumber("asn", asn);
            else
                writer.WriteNull("asn");
            writer.WriteBoolean("allowlisted", Allowlisted is not null);
            WriteOptional(writer, "allowlistReason", Allowlisted);
            writer.WriteNumber("feedsLoaded", FeedCount);
            writer.WriteStartArray("feeds");
            foreach (var feed in Listings)
            {
                writer.WriteStartObject();
                writer.WriteString("name", feed.Name);
                writer.WriteString("category", feed.Definition.Category);
                writer.WriteNumber("hits", feed.List.Hits(address));
                if (feed.List.Set.TryFindRange(address, out var first, out var last))
                {
                    writer.WriteString("rangeFirst", first.ToString());
                    writer.WriteString("rangeLast", last.ToString());
                }
                writer.WriteString("fetchedAt", feed.FetchedAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));
                writer.WriteNumber("ageSeconds", Math.Max(0, (long)(now - feed.FetchedAt).TotalSeconds));
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
            writer.WriteStartObject("history");
            writer.WriteNumber("alerts", History.AlertCount);
            writer.WriteNumber("priorBlocks", History.PriorBlockCount);
            WriteOptional(writer, "firstSeen", History.FirstSeen?.UtcDateTime.ToString("o", CultureInfo.InvariantCulture));
            WriteOptional(writer, "lastSeen", History.LastSeen?.UtcDateTime.ToString("o", CultureInfo.InvariantCulture));
            writer.WriteStartArray("alertsBySignature");
            foreach (var signature in Signatures)
            {
                writer.WriteStartObject();
                writer.WriteNumber("gid", signature.Gid);
                writer.WriteNumber("sid", signature.Sid);
                writer.WriteString("signature", signature.Signature);
                writer.WriteNumber("count", signature.Count);
                writer.WriteString("last", signature.Last.UtcDateTime.ToString("o", CultureInfo.InvariantCulture));
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
            writer.WriteStartArray("verdicts");
            foreach (var stored in Verdicts)
            {
                writer.WriteStartObject();
                writer.WriteString("at", stored.At.UtcDateTime.ToString("o", CultureInfo.InvariantCulture));
                writer.WriteString("action", stored.Verdict.Action.ToString());
                writer.WriteNumber("score", stored.Verdict.Score);
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
            writer.WriteEndObject();
            writer.WriteStartArray("activeBlocks");
            foreach (var block in Blocks)
            {
                writer.WriteStartObject();
                writer.WriteString("target", block.TargetText);
                writer.WriteString("action", block.Action == FirewallAction.Block ? "block" : "rate-limit");
                writer.WriteString("until", block.ExpiresAt.UtcDateTime.ToString("o", CultureInfo.InvariantCulture));
                writer.WriteNumber("score", block.Score);
                writer.WriteNumber("escalationLevel", block.EscalationLevel);
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
            WriteVerdict(writer, "verdict", WithoutAlert);
            WriteVerdict(writer, "verdictWithPriority1Alert", WithPriority1Alert);
            writer.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteVerdict(Utf8JsonWriter writer, string name, Verdict verdict)
    {
        writer.WriteStartObject(name);
        writer.WriteString("action", verdict.Action.ToString());
        writer.WriteNumber("score", verdict.Score);
        writer.WriteNumber("blockThreshold", verdict.BlockThreshold);
        writer.WriteNumber("durationSeconds", (long)verdict.Duration.TotalSeconds);
        writer.WriteNumber("escalationLevel", verdict.EscalationLevel);
        writer.WriteStartArray("reasons");
        foreach (var reason in verdict.Reasons)
        {
            writer.WriteStartObject();
            writer.WriteString("kind", reason.Kind);
            writer.WriteString("detail", reason.Detail);
            writer.WriteNumber("points", reason.Points);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static void WriteOptional(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is null)
            writer.WriteNull(name);
        else
            writer.WriteString(name, value);
    }

    private static string Indent(string text) => string.Join(Environment.NewLine, text.Split(Environment.NewLine).Select(l => "  " + l));
}
