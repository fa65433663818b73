namespace RustIds.Packets;

/// <summary>Where a flow is in its life: the TCP state machine as seen from the wire, or the pseudo-states of UDP and others.</summary>
/// <remarks>
/// A passive observer cannot know each endpoint's RFC 9293 state exactly, so these are the states a
/// sensor can tell apart (Suricata's flow states are the model): each selects its own idle timeout.
/// </remarks>
public enum FlowState : byte
{
    /// <summary>One direction seen: a TCP SYN, or the first UDP/ICMP packet.</summary>
    New = 0,

    /// <summary>TCP: the responder answered the SYN with SYN-ACK.</summary>
    SynReceived = 1,

    /// <summary>TCP: handshake completed (or, picked up midstream, both directions seen with ACK); others: both directions seen.</summary>
    Established = 2,

    /// <summary>TCP: a FIN was seen in one direction.</summary>
    Closing = 3,

    /// <summary>TCP: FIN in both directions.</summary>
    Closed = 4,

    /// <summary>TCP: a RST was seen.</summary>
    Reset = 5,
}
