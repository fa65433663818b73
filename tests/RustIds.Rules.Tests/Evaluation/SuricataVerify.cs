using System.Text.Json;
using RustIds.Testing;

namespace RustIds.Rules.Tests.Evaluation;

/// <summary>Reads a suricata-verify case's <c>expected.json</c> (the shared copy's format).</summary>
internal static class SuricataVerify
{
    public static string Root => Path.Combine(RepoPaths.SharedData, "conformance", "suricata-verify");

    /// <summary>The case's pcaps and rule files (names in its folder) and the alert count expected per sid (null: any sid).</summary>
    /// <remarks>
    /// Entries that also require other EVE fields (<c>extra_match</c>, e.g. two sid-1 alerts for two DNS names) cannot be told
    /// apart by a count per sid, so a sid listed more than once is checked against the sum of its counts.
    /// </remarks>
    public static (IReadOnlyList<string> Pcaps, IReadOnlyList<string> Rules, IReadOnlyList<(long? Sid, int Count)> AlertsBySid) Read(string directory)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(directory, "expected.json")));
        var root = document.RootElement;
        var pcaps = root.GetProperty("pcap").EnumerateArray().Select(p => p.GetString()!).ToList();
        var rules = root.GetProperty("rules").EnumerateArray().Select(r => r.GetString()!).ToList();
        var counts = new List<(long? Sid, int Count)>();
        foreach (var alert in root.GetProperty("expected_alerts").EnumerateArray())
        {
            var sid = alert.GetProperty("signature_id");
            counts.Add((sid.ValueKind == JsonValueKind.Null ? null : sid.GetInt64(), alert.GetProperty("count").GetInt32()));
        }
        var bySid = counts.GroupBy(c => c.Sid).Select(g => (g.Key, g.Sum(c => c.Count))).ToList();
        return (pcaps, rules, bySid);
    }

    /// <summary>Checks <paramref name="run"/>'s alerts against every expected count of the case in <paramref name="directory"/> (null sid: all alerts).</summary>
    public static void AssertExpectedCounts(string directory, RuleRun run)
    {
        foreach (var (sid, count) in Read(directory).AlertsBySid)
        {
            var actual = sid is { } one ? run.Count(one) : run.AlertsBySid.Values.Sum();
            Assert.True(actual == count, $"{Path.GetFileName(directory)}: sid {sid?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "any"}: expected {count}, got {actual}");
        }
    }
}
