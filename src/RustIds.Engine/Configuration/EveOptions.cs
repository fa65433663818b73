namespace RustIds.Engine.Configuration;

/// <summary>EVE JSON alert log and the decision log.</summary>
public sealed class EveOptions
{
    /// <summary>EVE JSON file (Suricata's format). <c>--eve</c> overrides it.</summary>
    public string Path { get; set; } = "/var/log/rustids/eve.json";

    /// <summary>JSON-lines log of block decisions with their reasons.</summary>
    public string DecisionLogPath { get; set; } = "/var/log/rustids/decisions.json";

    /// <summary>Include the triggering payload (base64) in alert events. Default true.</summary>
    public bool IncludePayload { get; set; } = true;
}
