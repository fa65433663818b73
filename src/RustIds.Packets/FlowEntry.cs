namespace RustIds.Packets;

/// <summary>State and counters of one flow, kept by value in the <see cref="FlowTracker"/> table.</summary>
public struct FlowEntry
{
    /// <summary>The flow's key, the same for both directions.</summary>
    public FlowKey Key { get; internal set; }

    /// <summary>Unique id (per tracker, deterministic for a replay), EVE's <c>flow_id</c>.</summary>
    public ulong FlowId { get; internal set; }

    /// <summary>The client: the SYN sender for TCP, otherwise the source of the first packet.</summary>
    public IpAddr InitiatorAddress { get; internal set; }

    public ushort InitiatorPort { get; internal set; }

    public FlowState State { get; internal set; }

    /// <summary>TCP: the first packet was not a SYN, so the flow was picked up midstream.</summary>
    public bool Midstream { get; internal set; }

    /// <summary>TCP: the first packet was a pure SYN (a connection attempt, as scan and flood detectors count them).</summary>
    public bool OpenedBySyn { readonly get; internal set; }

    public long PacketsToServer { get; internal set; }

    public long PacketsToClient { get; internal set; }

    /// <summary>Wire bytes from the initiator.</summary>
    public long BytesToServer { get; internal set; }

    /// <summary>Wire bytes from the responder.</summary>
    public long BytesToClient { get; internal set; }

    /// <summary>Packet time (UTC ticks) of the first packet.</summary>
    public long FirstTicks { get; internal set; }

    /// <summary>Packet time (UTC ticks) of the latest packet in either direction.</summary>
    public long LastTicks { get; internal set; }

    /// <summary>Packet time (UTC ticks) of the latest packet from the initiator; 0 before the first.</summary>
    public long LastToServerTicks { get; internal set; }

    /// <summary>Packet time (UTC ticks) of the latest packet from the responder; 0 before the first.</summary>
    public long LastToClientTicks { get; internal set; }

    /// <summary>TCP: the initiator sent a FIN.</summary>
    public bool FinFromClient { readonly get; internal set; }

    /// <summary>TCP: the responder sent a FIN.</summary>
    public bool FinFromServer { readonly get; internal set; }

    /// <summary>True once the flow reached <see cref="FlowState.Established"/> (it stays true while closing).</summary>
    public bool IsEstablished { readonly get; internal set; }
}
