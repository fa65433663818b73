using RustIds.Packets;
using RustIds.Packets.AppLayer;

namespace RustIds.Rules.Evaluation;

/// <summary>An app-layer rule match attributed to a flow rather than a packet (its flow ended before a packet carried it).</summary>
public readonly record struct FlowMatch(
    int RuleIndex,
    ulong FlowId,
    FlowDirection Direction,
    long TimestampTicks,
    IpAddr Source,
    ushort SourcePort,
    IpAddr Destination,
    ushort DestinationPort,
    IpProtocol Protocol,
    AppProtocol AppProtocol,
    AppLayerSnapshot? AppLayer = null);
