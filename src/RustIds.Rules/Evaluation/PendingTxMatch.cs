using RustIds.Packets;
using RustIds.Packets.AppLayer;

namespace RustIds.Rules.Evaluation;

/// <summary>A rule whose app-layer buffers (or payload keywords, on a stream window) matched during an event, waiting for the packet that carried it.</summary>
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

    /// <summary>The payload keywords matched a window of the reassembled stream in <see cref="Direction"/>; only a packet sent that way completes it.</summary>
    public bool Stream;

    /// <summary>The transaction's fields for the alert (shared by every rule matching the same event).</summary>
    public AppLayerSnapshot? Snapshot;

    public readonly FlowMatch ToFlowMatch() =>
        new(RuleIndex, FlowId, Direction, TimestampTicks, Source, SourcePort, Destination, DestinationPort, Protocol, AppProtocol, Snapshot);
}
