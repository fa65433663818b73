namespace RustIds.Packets.Processing;

/// <summary>Which flow, direction and moment an app-layer event belongs to.</summary>
/// <param name="FlowId">The flow's id (EVE <c>flow_id</c>).</param>
/// <param name="Flow">The flow's entry as the tracker holds it: key, initiator, counters, state.</param>
/// <param name="Direction">The direction whose bytes completed the event.</param>
/// <param name="TimestampTicks">Packet time (UTC ticks) of the packet that completed it.</param>
public readonly record struct AppLayerContext(ulong FlowId, FlowEntry Flow, FlowDirection Direction, long TimestampTicks)
{
    /// <summary>The flow's table slot, as <see cref="IFlowObserver"/> numbers it, for observers that keep per-flow state in an array.</summary>
    public int Slot { get; init; }
}
