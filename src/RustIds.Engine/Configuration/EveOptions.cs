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

    /// <summary>Include the whole triggering frame (base64, EVE <c>packet</c>, with <c>packet_info.linktype</c>) in alert events. Default false.</summary>
    public bool IncludePacket { get; set; }

    /// <summary>Write an EVE <c>stats</c> event this often (packets, decode errors, kernel drops, flows, alerts); null (default) = never. A replay writes one at its end.</summary>
    public TimeSpan? StatsInterval { get; set; }

    /// <summary>Flow, HTTP, DNS and TLS records beside the alerts (<c>Eve:Events:Flow</c>, …); none by default.</summary>
    public EveEventOptions Events { get; set; } = new();

    /// <summary>Rotate the EVE and decision logs before they pass this many MiB; null (default) = no size limit (use logrotate and SIGHUP).</summary>
    public int? RotateSizeMiB { get; set; }

    /// <summary>Rotate the logs when they have been open this long, e.g. <c>1.00:00:00</c>; null (default) = no time limit.</summary>
    public TimeSpan? RotateInterval { get; set; }

    /// <summary>Rotated files (<c>eve.json.yyyyMMdd-HHmmss</c>) kept; older ones are deleted. Default 14.</summary>
    public int RotateKeep { get; set; } = 14;

    /// <summary>The rotation these settings describe.</summary>
    public Notify.LogRotation ToRotation() => new(RotateSizeMiB * 1024L * 1024L, RotateInterval, RotateKeep);
}
