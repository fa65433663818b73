using System.Text.Json;
using System.Text.Json.Serialization;

namespace RustIds.IntegrationTests;

/// <summary>Writes a test's rustids.json: its own sections plus the files every run needs, all inside the test's directory.</summary>
internal static class LabConfig
{
    private static readonly JsonSerializerOptions Options = new() { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    /// <summary>Writes <c>rustids.json</c> in <paramref name="temp"/> and returns its path; null sections are left out (defaults).</summary>
    public static string Write(TempDirectory temp, string rulesFile, object reputation, object firewall, object? notify = null, object? capture = null, object? api = null)
    {
        var config = new
        {
            Capture = capture,
            Rules = new { Files = new[] { rulesFile } },
            Reputation = reputation,
            Firewall = firewall,
            Notify = notify,
            Eve = new { Path = temp.File("eve.json"), DecisionLogPath = temp.File("decisions.json") },
            Storage = new { DatabasePath = temp.File("rustids.db") },
            Api = api,
            Logging = new { Level = "Information", File = temp.File("rustids.log") },
        };
        var path = temp.File("rustids.json");
        File.WriteAllText(path, JsonSerializer.Serialize(config, Options));
        return path;
    }
}
