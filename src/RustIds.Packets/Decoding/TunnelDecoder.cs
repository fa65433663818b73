using System.Buffers.Binary;

namespace RustIds.Packets.Decoding;

/// <summary>Decapsulates GRE (RFC 2784/2890) and VXLAN (RFC 7348) so rules, flows and parsers see the inner packet.</summary>
/// <remarks>
/// The inner packet replaces the outer one's fields (Suricata does the same with its tunnel pseudo-packets),
/// and <see cref="Packet.TunnelDepth"/> tells how many layers were removed. Nesting is bounded by
/// <see cref="MaxDepth"/> so a frame of GRE-in-GRE-in-... cannot recurse without end. What cannot be
/// decapsulated (GRE version 1, unknown inner protocols) stays the outer packet with the tunnel bytes as payload.
/// </remarks>
internal static class TunnelDecoder
{
    /// <summary>UDP port IANA assigned to VXLAN.</summary>
    public const ushort VxlanPort = 4789;

    private const int MaxDepth = 3;
    private const ushort GreChecksumPresent = 0x8000;
    private const ushort GreKeyPresent = 0x2000;
    private const ushort GreSequencePresent = 0x1000;
    private const ushort GreVersionMask = 0x0007;
    private const ushort EtherTypeTransparentBridging = 0x6558;

    public static bool CanDescend(in Packet packet) => packet.TunnelDepth < MaxDepth;

    public static DecodeStatus Gre(ReadOnlySpan<byte> data, ref Packet packet)
    {
        packet.Layer = DecodeLayer.Gre;
        if (data.Length < 4)
            return DecodeStatus.Truncated;
        var flags = BinaryPrimitives.ReadUInt16BigEndian(data);
        var protocol = BinaryPrimitives.ReadUInt16BigEndian(data[2..]);
        if ((flags & GreVersionMask) != 0 || !CanDescend(in packet))
            return KeepOuter(data, ref packet);
        var headerLength = 4
            + ((flags & GreChecksumPresent) != 0 ? 4 : 0)
            + ((flags & GreKeyPresent) != 0 ? 4 : 0)
            + ((flags & GreSequencePresent) != 0 ? 4 : 0);
        if (data.Length < headerLength)
            return DecodeStatus.Truncated;
        var inner = data[headerLength..];
        return protocol switch
        {
            LinkLayerDecoder.EtherTypeIpv4 or LinkLayerDecoder.EtherTypeIpv6 => Descend(LinkType.Raw, inner, ref packet),
            EtherTypeTransparentBridging => Descend(LinkType.Ethernet, inner, ref packet),
            _ => KeepOuter(data, ref packet),
        };
    }

    /// <summary>VXLAN: an 8-byte header whose I flag says a VNI is present, then an inner Ethernet frame.</summary>
    public static DecodeStatus Vxlan(ReadOnlySpan<byte> udpPayload, ref Packet packet)
    {
        if (udpPayload.Length < 8 + 14 || (udpPayload[0] & 0x08) == 0 || !CanDescend(in packet))
            return DecodeStatus.Ok; // not VXLAN after all: leave the UDP packet as it is
        packet.Layer = DecodeLayer.Vxlan;
        return Descend(LinkType.Ethernet, udpPayload[8..], ref packet);
    }

    private static DecodeStatus Descend(LinkType innerLink, ReadOnlySpan<byte> inner, ref Packet packet)
    {
        var depth = (byte)(packet.TunnelDepth + 1);
        var outerVlan = packet.VlanId;
        PacketDecoder.ResetLayers(ref packet);
        packet.TunnelDepth = depth;
        packet.VlanId = outerVlan;
        return LinkLayerDecoder.Decode(innerLink, inner, ref packet);
    }

    private static DecodeStatus KeepOuter(ReadOnlySpan<byte> data, ref Packet packet)
    {
        packet.Payload = data;
        return DecodeStatus.Ok;
    }
}
