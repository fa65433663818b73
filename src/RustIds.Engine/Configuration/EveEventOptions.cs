namespace RustIds.Engine.Configuration;

/// <summary>Which EVE records beyond alerts and stats rustids writes (Suricata's <c>types</c> list); all off by default.</summary>
/// <remarks>Off by default because a gateway sees far more flows and lookups than attacks: turn on what your SIEM reads.</remarks>
public sealed class EveEventOptions
{
    /// <summary>One <c>flow</c> record per ended flow: packets and bytes each way, start, end, state, reason.</summary>
    public bool Flow { get; set; }

    /// <summary>One <c>http</c> record per transaction, when its response completed (or at the flow's end when none came).</summary>
    public bool Http { get; set; }

    /// <summary>One <c>dns</c> record per DNS request and response.</summary>
    public bool Dns { get; set; }

    /// <summary>One <c>tls</c> record per ClientHello: server name, version, JA3 and JA4.</summary>
    public bool Tls { get; set; }

    /// <summary>
    /// Records that may wait for the writer in a live run before new ones are dropped (counted as
    /// <c>eve_events_dropped</c>); alerts keep their own <c>Capture:AlertQueueCapacity</c> on top. A replay drops nothing.
    /// </summary>
    public int QueueCapacity { get; set; } = 65_536;

    /// <summary>True when any record type is on.</summary>
    public bool Any => Flow || Http || Dns || Tls;
}
