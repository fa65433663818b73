using System.Text.Json;
using RustIds.Detection;
using RustIds.Notify;
using RustIds.Packets;
using RustIds.Response;

namespace RustIds.Engine.Pipeline;

/// <summary>
/// What a replay under a virtual clock did, in order, in one JSON-lines file: each alert with its action, each
/// decision, each block's end, and each notification (the webhook payload it would have sent; nothing is sent).
/// </summary>
/// <remarks>
/// Written on the response stage's one thread, with packet-time timestamps only, so replaying the same capture
/// with the same configuration gives the same bytes (a test checks it).
/// </remarks>
public sealed class ReplayTranscript(string path) : INoticeSink, IDisposable
{
    private readonly JsonLinesFile _file = new(path);

    public string Path => _file.Path;

    public void Alert(Alert alert, EveAlertAction action)
    {
        ArgumentNullException.ThrowIfNull(alert);
        _file.WriteLine((alert, action), static (json, state) =>
        {
            var (alert, action) = state;
            Start(json, "alert", alert.Timestamp);
            json.WriteNumber("gid"u8, alert.Gid);
            json.WriteNumber("sid"u8, alert.Sid);
            json.WriteNumber("rev"u8, alert.Rev);
            json.WriteString("signature"u8, alert.Signature);
            json.WriteString("src"u8, alert.Source.ToString());
            json.WriteString("dest"u8, alert.Destination.ToString());
            if (alert.Protocol is IpProtocol.Tcp or IpProtocol.Udp)
            {
                json.WriteNumber("src_port"u8, alert.SourcePort);
                json.WriteNumber("dest_port"u8, alert.DestinationPort);
            }
            json.WriteString("action"u8, action == EveAlertAction.Blocked ? "blocked"u8 : "allowed"u8);
            json.WriteEndObject();
        });
    }

    public void Decision(DecisionSummary decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        _file.WriteLine(decision, static (json, d) =>
        {
            Start(json, "decision", d.At);
            json.WriteString("address"u8, d.Address.ToString());
            json.WriteString("outcome"u8, d.Outcome);
            json.WriteNumber("score"u8, d.Score);
            json.WriteNumber("threshold"u8, d.Threshold);
            if (d.ExpiresAt is { } expires)
                json.WriteString("expires_at"u8, Iso(expires));
            json.WriteString("explanation"u8, d.Explanation);
            json.WriteEndObject();
        });
    }

    public void Unblock(BlockRecord record, string how, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(record);
        _file.WriteLine((record, how, at), static (json, state) =>
        {
            Start(json, "unblock", state.at);
            json.WriteString("target"u8, state.record.TargetText);
            json.WriteString("ended"u8, state.how);
            json.WriteEndObject();
        });
    }

    /// <summary>A notification, as the generic webhook payload; the replay sends nothing.</summary>
    public void Enqueue(BlockNotice notice)
    {
        ArgumentNullException.ThrowIfNull(notice);
        _file.WriteLine(notice, static (json, n) =>
        {
            Start(json, "notification", n.DecidedAt);
            json.WritePropertyName("payload"u8);
            using var payload = JsonDocument.Parse(NoticeFormatter.ToJson(n));
            payload.RootElement.WriteTo(json);
            json.WriteEndObject();
        });
    }

    public void Dispose() => _file.Dispose();

    /// <summary>UTC with microseconds: packet times, so two alerts of one second stay apart and in order.</summary>
    private static string Iso(DateTimeOffset at) =>
        at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", System.Globalization.CultureInfo.InvariantCulture);

    private static void Start(Utf8JsonWriter json, string kind, DateTimeOffset at)
    {
        json.WriteStartObject();
        json.WriteString("at"u8, Iso(at));
        json.WriteString("kind"u8, kind);
    }
}
