namespace RustIds.Packets;

/// <summary>Tells two flow observers of every flow start and end, in order (behavioural detectors, then EVE flow logging).</summary>
/// <remarks>The tracker takes one observer; this keeps it so, and costs two interface calls per flow, never per packet.</remarks>
public sealed class FlowObserverFanout(IFlowObserver first, IFlowObserver second) : IFlowObserver
{
    /// <summary>The one observer that is not null, both in a fanout, or null when neither is given.</summary>
    public static IFlowObserver? Combine(IFlowObserver? first, IFlowObserver? second) =>
        first is null ? second : second is null ? first : new FlowObserverFanout(first, second);

    public void OnFlowStarted(int slot, in FlowEntry flow)
    {
        first.OnFlowStarted(slot, in flow);
        second.OnFlowStarted(slot, in flow);
    }

    public void OnFlowEnded(int slot, in FlowEntry flow, FlowEndReason reason)
    {
        first.OnFlowEnded(slot, in flow, reason);
        second.OnFlowEnded(slot, in flow, reason);
    }

    public void OnFlushed()
    {
        first.OnFlushed();
        second.OnFlushed();
    }
}
