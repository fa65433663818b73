namespace RustIds.Packets.Processing;

/// <summary>Which flow, direction and moment an app-layer event belongs to.</summary>
/// <remarks>
/// A ref struct over the flow table's entry, not a copy of it: contexts are made for every stream chunk and parser
/// event, and copying the ~200-byte entry each time was 3 % of a replay. Valid only during the observer call.
/// </remarks>
public readonly ref struct AppLayerContext
{
    private readonly ref readonly FlowEntry _flow;

    /// <param name="flow">The flow's entry as the tracker holds it.</param>
    /// <param name="direction">The direction whose bytes completed the event.</param>
    /// <param name="timestampTicks">Packet time (UTC ticks) of the packet that completed it.</param>
    /// <param name="slot">The flow's table slot.</param>
    public AppLayerContext(ref readonly FlowEntry flow, FlowDirection direction, long timestampTicks, int slot)
    {
        _flow = ref flow;
        Direction = direction;
        TimestampTicks = timestampTicks;
        Slot = slot;
    }

    /// <summary>The flow's id (EVE <c>flow_id</c>).</summary>
    public ulong FlowId => _flow.FlowId;

    /// <summary>The flow's entry as the tracker holds it: key, initiator, counters, state.</summary>
    public ref readonly FlowEntry Flow => ref _flow;

    /// <summary>The direction whose bytes completed the event.</summary>
    public FlowDirection Direction { get; }

    /// <summary>Packet time (UTC ticks) of the packet that completed it.</summary>
    public long TimestampTicks { get; }

    /// <summary>The flow's table slot, as <see cref="IFlowObserver"/> numbers it, for observers that keep per-flow state in an array.</summary>
    public int Slot { get; }
}
