using RustIds.Packets;
using RustIds.Packets.AppLayer;

namespace RustIds.Rules.Evaluation;

/// <summary>A rule whose app-layer buffers matched during an event, waiting for the packet that carried the event.</summary>
internal struct PendingTxMatch
{
    public int RuleIndex;
    public ulong FlowId;
    public FlowDirection Direction;
    public long TimestampTicks;
    public IpAddr Source;
    public ushort SourcePort;
    public IpAddr Destination;
    public ushort DestinationPort;
    public IpProtocol Protocol;
    public AppProtocol AppProtocol;

    /// <summary>The transaction's fields for the alert (shared by every rule matching the same event).</summary>
    public AppLayerSnapshot? Snapshot;

    public readonly FlowMatch ToFlowMatch() =>
        new(RuleIndex, FlowId, Direction, TimestampTicks, Source, SourcePort, Destination, DestinationPort, Protocol, AppProtocol, Snapshot);
}
