using System.Buffers.Binary;

namespace RustIds.Packets.Decoding;

/// <summary>Decodes IPv4 and IPv6 headers, bounds the packet by its own length and hands the transport on.</summary>
internal static class IpDecoder
{
    private const byte HopByHop = 0;
    private const byte Routing = 43;
    private const byte Fragment = 44;
    private const byte AuthenticationHeader = 51;
    private const byte DestinationOptions = 60;

    // RFC 8200 §4.1 recommends each extension header at most once (options twice); 8 is generous.
    private const int MaxExtensionHeaders = 8;

    public static DecodeStatus DecodeV4(ReadOnlySpan<byte> data, ref Packet packet)
    {
        packet.Layer = DecodeLayer.Ipv4;
        if (data.Length < 20)
            return DecodeStatus.Truncated;
        if (data[0] >> 4 != 4)
            return DecodeStatus.Malformed;
        var headerLength = (data[0] & 0x0F) * 4;
        int totalLength = BinaryPrimitives.ReadUInt16BigEndian(data[2..]);
        if (headerLength < 20 || totalLength < headerLength)
            return DecodeStatus.Malformed;
        packet.Source = IpAddr.FromV4(BinaryPrimitives.ReadUInt32BigEndian(data[12..]));
        packet.Destination = IpAddr.FromV4(BinaryPrimitives.ReadUInt32BigEndian(data[16..]));
        packet.Ttl = data[8];
        packet.Protocol = (IpProtocol)data[9];
        if (data.Length < totalLength)
            return DecodeStatus.Truncated;
        // Trims Ethernet padding (frames shorter than 60 bytes) and any trailer.
        var payload = data[headerLength..totalLength];
        packet.Network = data[..totalLength];
        var fragment = BinaryPrimitives.ReadUInt16BigEndian(data[6..]);
        packet.IsFragment = (fragment & 0x3FFF) != 0;
        if ((fragment & 0x1FFF) != 0)
            return NonFirstFragment(payload, ref packet);
        return TransportDecoder.Decode(packet.Protocol, payload, isFirstFragment: (fragment & 0x2000) != 0, ref packet);
    }

    public static DecodeStatus DecodeV6(ReadOnlySpan<byte> data, ref Packet packet)
    {
        packet.Layer = DecodeLayer.Ipv6;
        if (data.Length < 40)
            return DecodeStatus.Truncated;
        if (data[0] >> 4 != 6)
            return DecodeStatus.Malformed;
        int payloadLength = BinaryPrimitives.ReadUInt16BigEndian(data[4..]);
        var nextHeader = data[6];
        packet.Ttl = data[7];
        packet.Source = IpAddr.FromBytes(data.Slice(8, 16));
        packet.Destination = IpAddr.FromBytes(data.Slice(24, 16));
        packet.Protocol = (IpProtocol)nextHeader;
        ReadOnlySpan<byte> payload;
        if (payloadLength == 0 && nextHeader == HopByHop)
            payload = data[40..]; // Jumbogram (RFC 2675): the real length is in an option; take what was captured.
        else if (data.Length - 40 < payloadLength)
            return DecodeStatus.Truncated;
        else
            payload = data.Slice(40, payloadLength);
        packet.Network = data[..(40 + payload.Length)];

        var isFirstFragment = false;
        for (var count = 0; ; count++)
        {
            switch (nextHeader)
            {
                case HopByHop or Routing or DestinationOptions or AuthenticationHeader:
                {
                    if (count == MaxExtensionHeaders)
                        return DecodeStatus.Malformed;
                    if (payload.Length < 8)
                        return DecodeStatus.Truncated;
                    // AH counts 4-byte words minus 2 (RFC 4302 §2.2); the others 8-byte words minus 1.
                    var length = nextHeader == AuthenticationHeader ? (payload[1] + 2) * 4 : (payload[1] + 1) * 8;
                    if (payload.Length < length)
                        return DecodeStatus.Truncated;
                    nextHeader = payload[0];
                    payload = payload[length..];
                    break;
                }
                case Fragment:
                {
                    if (count == MaxExtensionHeaders)
                        return DecodeStatus.Malformed;
                    if (payload.Length < 8)
                        return DecodeStatus.Truncated;
                    var offsetAndFlags = BinaryPrimitives.ReadUInt16BigEndian(payload[2..]);
                    nextHeader = payload[0];
                    payload = payload[8..];
                    packet.Protocol = (IpProtocol)nextHeader;
                    packet.IsFragment = (offsetAndFlags & 0xFFF9) != 0;
                    if ((offsetAndFlags & 0xFFF8) != 0)
                        return NonFirstFragment(payload, ref packet);
                    isFirstFragment = (offsetAndFlags & 1) != 0;
                    break;
                }
                default:
                    packet.Protocol = (IpProtocol)nextHeader;
                    return TransportDecoder.Decode(packet.Protocol, payload, isFirstFragment, ref packet);
            }
        }
    }

    /// <summary>Only the first fragment carries the transport header; later ones have protocol but no ports.</summary>
    private static DecodeStatus NonFirstFragment(ReadOnlySpan<byte> payload, ref Packet packet)
    {
        packet.Payload = payload;
        return DecodeStatus.Ok;
    }
}
