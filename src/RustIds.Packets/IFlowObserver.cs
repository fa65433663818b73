namespace RustIds.Packets;

/// <summary>Told when flows enter and leave the <see cref="FlowTracker"/>, to keep per-flow state (streams, app-layer parsers) by slot.</summary>
/// <remarks>Called on the capture worker thread, once per flow start and end, never per packet.</remarks>
public interface IFlowObserver
{
    /// <summary>A new flow took table slot <paramref name="slot"/> (0 ≤ slot &lt; MaxFlows).</summary>
    void OnFlowStarted(int slot, in FlowEntry flow);

    /// <summary>The flow in <paramref name="slot"/> ended; the slot may be reused right after.</summary>
    void OnFlowEnded(int slot, in FlowEntry flow, FlowEndReason reason);

    /// <summary>Every flow was ended (<see cref="FlowTracker.Flush"/>, at the end of a capture): an observer that defers work finishes it now.</summary>
    void OnFlushed();
}
