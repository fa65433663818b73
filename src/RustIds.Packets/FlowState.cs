namespace RustIds.Packets;

/// <summary>What the flow tracker has seen of a flow's handshake and teardown.</summary>
[Flags]
public enum FlowState : byte
{
    None = 0,

    /// <summary>The initiator sent a SYN.</summary>
    SynSeen = 0x01,

    /// <summary>The responder answered with SYN-ACK.</summary>
    SynAckSeen = 0x02,

    /// <summary>TCP: handshake completed (or both directions seen with ACK when picked up midstream); others: both directions seen.</summary>
    Established = 0x04,

    /// <summary>The initiator sent a FIN.</summary>
    FinToServer = 0x08,

    /// <summary>The responder sent a FIN.</summary>
    FinToClient = 0x10,

    /// <summary>RST seen, or FIN in both directions.</summary>
    Closed = 0x20,

    /// <summary>The first packet seen was not a SYN: the flow was picked up midstream.</summary>
    Midstream = 0x40,
}
