using RustIds.Packets;
using RustIds.Packets.AppLayer;
using RustIds.Rules.Evaluation;

namespace RustIds.Notify;

/// <summary>
/// A non-alert EVE record the capture side observed: a flow that ended, or an HTTP, DNS or TLS transaction.
/// Copied out of the capture worker's reused state when it happened, so it can be written on another thread.
/// </summary>
/// <param name="Timestamp">Packet time of the event (for a flow, its last packet).</param>
/// <param name="Tuple">The flow it belongs to.</param>
/// <param name="AppProtocol">The flow's application protocol as detected (EVE <c>app_proto</c>).</param>
/// <param name="InterfaceName">Capture interface (<c>in_iface</c>); empty for replays.</param>
public abstract record EveEvent(DateTimeOffset Timestamp, EveFlowTuple Tuple, AppProtocol AppProtocol, string InterfaceName);

/// <summary>An ended flow (EVE <c>"event_type":"flow"</c>): packets and bytes each way, start, end, state and why it ended.</summary>
public sealed record EveFlowEvent(
    DateTimeOffset Timestamp,
    EveFlowTuple Tuple,
    AppProtocol AppProtocol,
    string InterfaceName,
    long PacketsToServer,
    long PacketsToClient,
    long BytesToServer,
    long BytesToClient,
    DateTimeOffset Start,
    FlowState State,
    FlowEndReason Reason) : EveEvent(Timestamp, Tuple, AppProtocol, InterfaceName)
{
    /// <summary>The record of <paramref name="flow"/>, which just left the flow table for <paramref name="reason"/>.</summary>
    public static EveFlowEvent Of(in FlowEntry flow, FlowEndReason reason, AppProtocol appProtocol, string interfaceName) => new(
        new DateTimeOffset(flow.LastTicks, TimeSpan.Zero),
        EveFlowTuple.Of(in flow),
        appProtocol,
        interfaceName,
        flow.PacketsToServer,
        flow.PacketsToClient,
        flow.BytesToServer,
        flow.BytesToClient,
        new DateTimeOffset(flow.FirstTicks, TimeSpan.Zero),
        flow.State,
        reason);
}

/// <summary>An HTTP, DNS or TLS transaction (EVE <c>"event_type":"http"</c>, <c>"dns"</c> or <c>"tls"</c>, from which part <see cref="AppLayer"/> holds).</summary>
public sealed record EveTransactionEvent(
    DateTimeOffset Timestamp,
    EveFlowTuple Tuple,
    AppProtocol AppProtocol,
    string InterfaceName,
    AppLayerSnapshot AppLayer) : EveEvent(Timestamp, Tuple, AppProtocol, InterfaceName);
