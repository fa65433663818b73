namespace RustIds.Engine.Configuration;

/// <summary>Operational log (not alerts: those go to EVE).</summary>
public sealed class LoggingOptions
{
    /// <summary>Minimum level: Verbose, Debug, Information, Warning, Error, Fatal. Default Information.</summary>
    public string Level { get; set; } = "Information";

    /// <summary>Rolling log file (daily, 14 kept); null logs to the console only.</summary>
    public string? File { get; set; } = "/var/log/rustids/rustids.log";

    /// <summary>Largest log file before it rolls over early (a new file the same day). Default 100 MiB.</summary>
    public int FileSizeLimitMiB { get; set; } = 100;

    /// <summary>Levels by source (a namespace prefix), e.g. <c>{"Quartz": "Warning"}</c>. Default: Quartz at Warning (its start-up chatter is not ours).</summary>
    public Dictionary<string, string> Overrides { get; set; } = new(StringComparer.Ordinal) { ["Quartz"] = "Warning", ["Microsoft"] = "Warning" };
}
