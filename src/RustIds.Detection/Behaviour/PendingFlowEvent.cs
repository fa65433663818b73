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
}
