namespace RustIds.Engine.Configuration;

/// <summary>Operational log (not alerts: those go to EVE).</summary>
public sealed class LoggingOptions
{
    /// <summary>Minimum level: Verbose, Debug, Information, Warning, Error, Fatal. Default Information.</summary>
    public string Level { get; set; } = "Information";

    /// <summary>Rolling log file (daily, 14 kept); null logs to the console only.</summary>
    public string? File { get; set; } = "/var/log/rustids/rustids.log";
}
