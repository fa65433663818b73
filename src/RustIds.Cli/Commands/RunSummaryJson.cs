using System.Text.Json;
using RustIds.Engine.Pipeline;

namespace RustIds.Cli.Commands;

/// <summary>Writes a run's summary and every counter as one JSON document (<c>--json</c>).</summary>
/// <remarks>Written with <see cref="Utf8JsonWriter"/> field by field: the shape is the documented interface, not whatever a serializer makes of the types.</remarks>
internal static class RunSummaryJson
{
    public static void Write(RunReport report, string sourceName, Stream output)
    {
        using var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true });
        var c = report.Counters;
        json.WriteStartObject();
        json.WriteString("source", sourceName);
        json.WriteString("stop_reason", report.StopReason);
        json.WriteNumber("rules_loaded", report.Rules.Rules.Count);
        json.WriteNumber("rules_with_errors", report.Rules.ErrorCount);
        json.WriteStartObject("counters");
        foreach (var group in c.Snapshot().Groups)
        {
            json.WriteStartObject(group.Name);
            foreach (var (name, value) in group.Values)
                json.WriteNumber(name, value);
            json.WriteEndObject();
        }
        if (report.Capture is { } capture)
        {
            json.WriteStartObject("capture");
            json.WriteNumber("kernel_received", capture.Received);
            json.WriteNumber("kernel_dropped", capture.Dropped);
            json.WriteNumber("interface_dropped", capture.InterfaceDropped);
            json.WriteEndObject();
        }
        json.WriteEndObject();
        json.WriteStartArray("alerts_by_sid");
        foreach (var sid in c.AlertsBySid())
        {
            json.WriteStartObject();
            json.WriteNumber("gid", sid.Gid);
            json.WriteNumber("sid", sid.Sid);
            json.WriteString("signature", sid.Signature);
            json.WriteNumber("count", sid.Count);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteStartArray("decisions");
        foreach (var decision in c.Decisions())
        {
            json.WriteStartObject();
            json.WriteString("at", decision.At);
            json.WriteString("address", decision.Address.ToString());
            json.WriteString("outcome", decision.Outcome);
            json.WriteNumber("score", decision.Score);
            json.WriteNumber("threshold", decision.Threshold);
            if (decision.ExpiresAt is { } expires)
                json.WriteString("expires_at", expires);
            json.WriteString("explanation", decision.Explanation);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteStartArray("warnings");
        foreach (var warning in report.Warnings)
            json.WriteStringValue(warning);
        json.WriteEndArray();
        json.WriteString("eve", report.EvePath);
        if (report.TranscriptPath is { } transcript)
            json.WriteString("transcript", transcript);
        json.WriteEndObject();
        json.Flush();
        output.WriteByte((byte)'\n');
    }
}
