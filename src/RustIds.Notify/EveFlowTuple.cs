using RustIds.Packets;

namespace RustIds.Notify;

/// <summary>A flow's identity as EVE writes it: <c>flow_id</c> and the 5-tuple seen from the client.</summary>
/// <remarks>Suricata writes flow and transaction events from the initiator's side whichever packet completed them.</remarks>
public readonly record struct EveFlowTuple(ulong FlowId, IpAddr Source, ushort SourcePort, IpAddr Destination, ushort DestinationPort, IpProtocol Protocol)
{
    /// <summary>The tuple of <paramref name="flow"/> with its initiator as the source.</summary>
    public static EveFlowTuple Of(in FlowEntry flow)
    {
        return new EveFlowTuple(flow.FlowId, flow.InitiatorAddress, flow.InitiatorPort, flow.ResponderAddress, flow.ResponderPort, flow.Key.Protocol);
    }
}
