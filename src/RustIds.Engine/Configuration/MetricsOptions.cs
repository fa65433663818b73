using System.Net;

namespace RustIds.Engine.Configuration;

/// <summary>The Prometheus endpoint of <c>rustids run</c>.</summary>
public sealed class MetricsOptions
{
    /// <summary>
    /// Address and port serving <c>/metrics</c> and <c>/healthz</c>, e.g. <c>127.0.0.1:9911</c> or <c>[::1]:9911</c>;
    /// null or empty turns the endpoint off. Loopback by default: the counters tell an attacker what is watched.
    /// <c>rustids run --metrics ADDR:PORT</c> overrides it.
    /// </summary>
    public string? Listen { get; set; } = "127.0.0.1:9911";

    /// <summary>The parsed <see cref="Listen"/>, or null when it is off or not an address with a port.</summary>
    /// <remarks>A method, not a property: the configuration binder's source generator cannot bind an <see cref="IPEndPoint"/>
    /// property and dropped the whole <c>Metrics</c> section over it (SYSLIB1101).</remarks>
    public IPEndPoint? ListenEndpoint() => TryParse(Listen, out var endpoint) ? endpoint : null;

    /// <summary>Parses <c>ADDR:PORT</c> (IPv6 in brackets) with a port from 1 to 65535.</summary>
    public static bool TryParse(string? text, out IPEndPoint? endpoint)
    {
        endpoint = null;
        if (string.IsNullOrWhiteSpace(text) || !IPEndPoint.TryParse(text, out var parsed) || parsed.Port == 0)
            return false;
        endpoint = parsed;
        return true;
    }
}
