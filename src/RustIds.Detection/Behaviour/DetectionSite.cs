using RustIds.Packets;

namespace RustIds.Detection.Behaviour;

/// <summary>Where and when a detection happened: the endpoints and flow its alert names in EVE.</summary>
/// <param name="Source">The offender (or, for a victim report, one of the sources).</param>
/// <param name="SourcePort">The offender's port, 0 when none.</param>
/// <param name="Destination">The target.</param>
/// <param name="DestinationPort">The target's port, 0 when none.</param>
/// <param name="Protocol">The transport protocol.</param>
/// <param name="FlowId">The flow it happened in (EVE <c>flow_id</c>), 0 when none.</param>
/// <param name="TimestampTicks">Packet time (UTC ticks) of the event that crossed the line.</param>
public readonly record struct DetectionSite(
    IpAddr Source, ushort SourcePort, IpAddr Destination, ushort DestinationPort, IpProtocol Protocol, ulong FlowId, long TimestampTicks)
{
    /// <summary>The site of a flow, seen from its initiator.</summary>
    public static DetectionSite Of(in FlowEntry flow, long timestampTicks)
    {
        return new DetectionSite(flow.InitiatorAddress, flow.InitiatorPort, flow.ResponderAddress, flow.ResponderPort,
            flow.Key.Protocol, flow.FlowId, timestampTicks);
    }
}
