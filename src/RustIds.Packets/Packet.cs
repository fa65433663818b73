namespace RustIds.Packets;

/// <summary>
/// One decoded frame: header fields copied out as values, payload as a view over the capture
/// buffer. Valid only until the packet source returns the next frame.
/// </summary>
/// <remarks>
/// A mutable ref struct so the decoder and the flow tracker fill it in place, with no per-packet
/// heap object (PacketDotNet allocates a graph per frame; this is the replacement).
/// </remarks>
public ref struct Packet
{
    /// <summary>Capture time in UTC ticks (100 ns), from the pcap header, so replays keep packet time.</summary>
    public long TimestampTicks;

    /// <summary>Bytes on the wire (pcap's orig_len).</summary>
    public int WireLength;

    /// <summary>The captured frame, link layer included.</summary>
    public ReadOnlySpan<byte> Frame;

    /// <summary>The link layer of <see cref="Frame"/>: the capture's, or raw IP for a datagram rebuilt from fragments.</summary>
    public LinkType LinkType;

    public ushort VlanId;

    /// <summary>Tunnel layers (GRE, VXLAN) removed to reach the packet described here; 0 for a plain packet.</summary>
    public byte TunnelDepth;

    /// <summary>The layer the decoder read last: where it stopped, for a frame that did not decode.</summary>
    public DecodeLayer Layer;

    /// <summary>The IP datagram, from its header to its total length (padding trimmed); empty without an IP layer.</summary>
    /// <remarks>What the defragmenter keeps of a fragment, and what checksum validation covers.</remarks>
    public ReadOnlySpan<byte> Network;

    /// <summary>An IPv4 or IPv6 fragment (offset non-zero or more fragments to come); reassembled by the defragmenter.</summary>
    public bool IsFragment;

    public IpAddr Source;
    public IpAddr Destination;
    public IpProtocol Protocol;
    public byte Ttl;
    public ushort SourcePort;
    public ushort DestinationPort;
    public TcpFlags TcpFlags;
    public uint TcpSequence;
    public uint TcpAcknowledgement;
    public byte IcmpType;
    public byte IcmpCode;

    /// <summary>The transport header and its payload (the bytes its checksum covers); the IP payload for other protocols.</summary>
    public ReadOnlySpan<byte> Transport;

    /// <summary>Transport payload (TCP/UDP data, ICMP data after the 8-byte header, as Suricata's payload).</summary>
    public ReadOnlySpan<byte> Payload;

    /// <summary>Set by the flow tracker: direction relative to the flow's initiator.</summary>
    public FlowDirection Direction;

    /// <summary>Set by the flow tracker: the TCP handshake completed (UDP: replies were seen).</summary>
    public bool FlowEstablished;

    /// <summary>Set by the flow tracker: a stable id of the flow, EVE's <c>flow_id</c>.</summary>
    public ulong FlowId;

    /// <summary>Set by the packet processor: the flow's application protocol as detected so far.</summary>
    public AppLayer.AppProtocol AppProtocol;

    /// <summary>Set by the flow tracker: the flow's slot in the table (stable for the flow's life), or -1 without a flow.</summary>
    public int FlowSlot;

    /// <summary>Set by the flow tracker for TCP: sequence numbers the flow's initiator used so far, this packet included (<see cref="FlowEntry.ClientStreamSize"/>).</summary>
    public uint ClientStreamSize;

    /// <summary>Set by the flow tracker for TCP: sequence numbers the responder used so far.</summary>
    public uint ServerStreamSize;

    public readonly DateTimeOffset Timestamp => new(TimestampTicks, TimeSpan.Zero);
}
