namespace RustIds.Packets;

/// <summary>Size and idle timeouts of one worker's flow table; timeouts are measured in packet time.</summary>
/// <remarks>Defaults follow Suricata's <c>flow-timeouts</c> section in spirit, shortened where a gateway IPS gains nothing from long memory.</remarks>
public sealed record FlowTrackerOptions
{
    /// <summary>Flows tracked at once; the table is allocated at this size up front. 65536 by default.</summary>
    /// <remarks>This is the flow memcap: each flow costs <see cref="FlowTracker.BytesPerFlow"/> bytes. When full, the least recently seen flow is evicted (counted).</remarks>
    public int MaxFlows { get; init; } = 65536;

    /// <summary>Idle time after which a flow that never became established is dropped; 30 s.</summary>
    public TimeSpan NewTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Idle time after which an established flow is dropped; 300 s.</summary>
    public TimeSpan EstablishedTimeout { get; init; } = TimeSpan.FromSeconds(300);

    /// <summary>Idle time after which a TCP flow with a FIN in one direction is dropped; 60 s.</summary>
    public TimeSpan ClosingTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Idle time after which a TCP flow closed by RST or FIN in both directions is dropped; 10 s.</summary>
    public TimeSpan ClosedTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How often, in packet time, idle flows are looked for; 1 s.</summary>
    /// <remarks>The sweep walks from the least recently seen flow and stops at the first one too recent to have expired, so it costs little.</remarks>
    public TimeSpan SweepInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Accept TCP flows whose first packet is not a SYN (a restart or a SYN lost in capture); true by default.</summary>
    /// <remarks>When false, such flows are tracked but never established, so `flow:established` rules and reassembly ignore them.</remarks>
    public bool AllowMidstream { get; init; } = true;

    /// <summary>Index of the capture worker owning the table (0–255), folded into flow ids so they stay unique across workers.</summary>
    public int WorkerIndex { get; init; }
}
