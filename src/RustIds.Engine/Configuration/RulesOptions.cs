namespace RustIds.Engine.Configuration;

/// <summary>Which rule files to load and the variables they use.</summary>
public sealed class RulesOptions
{
    /// <summary>Rule files (Suricata syntax). <c>--rules</c> replaces this list.</summary>
    public List<string> Files { get; set; } = [];

    /// <summary>Optional <c>classification.config</c>; the built-in table is used without it.</summary>
    public string? ClassificationFile { get; set; }

    /// <summary>Rule variables such as <c>HOME_NET</c>; unset ones keep Suricata's defaults.</summary>
    public Dictionary<string, string> Variables { get; set; } = [];
}
