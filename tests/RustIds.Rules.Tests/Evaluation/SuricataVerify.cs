using System.Text.Json;

namespace RustIds.Rules.Tests.Evaluation;

/// <summary>Reads a suricata-verify case's <c>expected.json</c> (the shared copy's format).</summary>
internal static class SuricataVerify
{
    public static IEnumerable<(long Sid, int Count)> ExpectedAlerts(string directory)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(directory, "expected.json")));
        foreach (var alert in document.RootElement.GetProperty("expected_alerts").EnumerateArray())
        {
            var sid = alert.GetProperty("signature_id");
            yield return (sid.ValueKind == JsonValueKind.Null ? -1 : sid.GetInt64(), alert.GetProperty("count").GetInt32());
        }
    }
}
