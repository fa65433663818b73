using RustIds.Packets;

namespace RustIds.Detection.Behaviour;

/// <summary>One queued flow event (see <see cref="PendingFlowEvents"/>): the flow as it was when the event happened.</summary>
internal struct PendingFlowEvent
{
    /// <summary>A copy of the flow's entry: its slot may hold another flow by the time the event is handled.</summary>
    public FlowEntry Flow;

    public int Slot;

    public FlowEventKind Kind;

    /// <summary>For <see cref="FlowEventKind.Walked"/>: the packet time the walk credits at.</summary>
    public long CreditTicks;

    /// <summary>For <see cref="FlowEventKind.Started"/>: the initiator's hash (<see cref="AddressKey"/>), computed when it was queued.</summary>
    public ulong SourceHash;

    /// <summary>For <see cref="FlowEventKind.Started"/> of a SYN, with SYN floods on: the responder service's hash (<see cref="ServiceKey"/>).</summary>
    public ulong ServiceHash;

    // For FlowEventKind.Ended: what the end feeds, decided when it was queued (the copy cannot change since).

    /// <summary>Its traffic is credited to its internal initiator's baselines.</summary>
    public bool Credited;

    /// <summary>A refused or unanswered attempt, for the slow and horizontal scans.</summary>
    public bool FailedAttempt;

    /// <summary>A completed login-port session, for brute force.</summary>
    public bool LoginSession;
}
