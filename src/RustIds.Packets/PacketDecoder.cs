using RustIds.Packets.Decoding;

namespace RustIds.Packets;

/// <summary>Decodes a captured frame into a <see cref="Packet"/> in place, from the link layer to the transport header.</summary>
/// <remarks>
/// Never throws on packet bytes and never allocates: every read is bounds-checked once and the
/// outcome is a <see cref="DecodeStatus"/> for the caller to count (<see cref="DecodeCounters"/>).
/// Layers: Ethernet II with 802.1Q/QinQ, Linux SLL/SLL2, BSD null, raw IP; IPv4 (options, fragments,
/// padding trimmed by total length); IPv6 (up to 8 extension headers); TCP, UDP, ICMP, ICMPv6; GRE and
/// VXLAN (UDP 4789) decapsulated into the inner packet.
/// Fields of layers that were decoded stay set when a later layer is truncated or malformed.
/// </remarks>
public static class PacketDecoder
{
    /// <summary>Fills the decoded fields of <paramref name="packet"/> from <paramref name="frame"/>.</summary>
    /// <remarks>
    /// Resets every decoded field first, so one <see cref="Packet"/> may be reused. Leaves
    /// <see cref="Packet.TimestampTicks"/>, <see cref="Packet.WireLength"/> and the flow fields alone.
    /// </remarks>
    public static DecodeStatus Decode(LinkType linkType, ReadOnlySpan<byte> frame, ref Packet packet)
    {
        packet.Frame = frame;
        packet.LinkType = linkType;
        ResetLayers(ref packet);
        packet.TunnelDepth = 0;
        return LinkLayerDecoder.Decode(linkType, frame, ref packet);
    }

    /// <summary>Clears every field a decoder layer sets, before decoding a frame or a tunnel's inner packet.</summary>
    internal static void ResetLayers(ref Packet packet)
    {
        packet.VlanId = 0;
        packet.Network = default;
        packet.IsFragment = false;
        packet.Source = default;
        packet.Destination = default;
        packet.Protocol = IpProtocol.None;
        packet.Ttl = 0;
        packet.SourcePort = 0;
        packet.DestinationPort = 0;
        packet.TcpFlags = TcpFlags.None;
        packet.TcpSequence = 0;
        packet.TcpAcknowledgement = 0;
        packet.IcmpType = 0;
        packet.IcmpCode = 0;
        packet.Payload = default;
        packet.Transport = default;
    }
}
