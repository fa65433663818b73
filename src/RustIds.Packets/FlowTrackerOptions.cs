namespace RustIds.Packets;

/// <summary>Size and idle timeouts of one worker's flow table; timeouts are measured in packet time.</summary>
public sealed record FlowTrackerOptions
{
    /// <summary>Flows tracked at once; the table is allocated at this size up front. 65536 by default.</summary>
    /// <remarks>When full, new flows are not tracked (and counted) until expiry frees room.</remarks>
    public int MaxFlows { get; init; } = 65536;

    /// <summary>Idle time after which a flow that never became established is dropped; 30 s like Suricata's <c>new</c> timeout.</summary>
    public TimeSpan NewTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Idle time after which an established flow is dropped; 300 s by default.</summary>
    public TimeSpan EstablishedTimeout { get; init; } = TimeSpan.FromSeconds(300);

    /// <summary>Idle time after which a TCP flow closed by RST or FIN in both directions is dropped; 10 s.</summary>
    public TimeSpan ClosedTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How often, in packet time, the table is swept for idle flows; 5 s by default.</summary>
    /// <remarks>A sweep walks the whole table, so its cost is O(MaxFlows) once per interval, not per packet.</remarks>
    public TimeSpan SweepInterval { get; init; } = TimeSpan.FromSeconds(5);
}
