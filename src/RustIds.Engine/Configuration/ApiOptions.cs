namespace RustIds.Engine.Configuration;

/// <summary>The REST API and dashboard of <c>rustids run</c> (docs/api.md).</summary>
public sealed class ApiOptions
{
    /// <summary>
    /// Address and port of the API and dashboard, e.g. <c>127.0.0.1:9912</c>; null turns them off. Loopback by
    /// default: it can unblock addresses. May equal <c>Metrics:Listen</c> (one port then serves both).
    /// </summary>
    public string? Listen { get; set; } = "127.0.0.1:9912";

    /// <summary>
    /// The bearer token, alone in a file only its owner can read (mode 0600; anything wider is refused).
    /// <c>install.sh</c> creates a random one. Without the file the API and dashboard stay off and the log says so.
    /// </summary>
    public string TokenFile { get; set; } = "/etc/rustids/api.token";

    /// <summary>The parsed <see cref="Listen"/>, or null when it is off or not an address with a port.</summary>
    /// <remarks>A method for the same reason as <see cref="MetricsOptions.ListenEndpoint"/>.</remarks>
    public System.Net.IPEndPoint? ListenEndpoint() => MetricsOptions.TryParse(Listen, out var endpoint) ? endpoint : null;
}
