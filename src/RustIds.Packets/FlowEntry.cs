namespace RustIds.Packets;

/// <summary>State and counters of one flow, kept by value in the <see cref="FlowTracker"/> table.</summary>
public struct FlowEntry
{
    /// <summary>Unique (per tracker) id, EVE's <c>flow_id</c>.</summary>
    public ulong FlowId { get; internal set; }

    /// <summary>The client: the SYN sender for TCP, otherwise the source of the first packet.</summary>
    public IpAddr InitiatorAddress { get; internal set; }

    public ushort InitiatorPort { get; internal set; }

    public FlowState State { get; internal set; }

    public long PacketsToServer { get; internal set; }

    public long PacketsToClient { get; internal set; }

    /// <summary>Wire bytes from the initiator.</summary>
    public long BytesToServer { get; internal set; }

    /// <summary>Wire bytes from the responder.</summary>
    public long BytesToClient { get; internal set; }

    /// <summary>Packet time (UTC ticks) of the first packet.</summary>
    public long FirstTicks { get; internal set; }

    /// <summary>Packet time (UTC ticks) of the latest packet.</summary>
    public long LastTicks { get; internal set; }

    /// <summary>True once <see cref="FlowState.Established"/> is set.</summary>
    public readonly bool IsEstablished => (State & FlowState.Established) != 0;
}
