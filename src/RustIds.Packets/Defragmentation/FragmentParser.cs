using System.Buffers.Binary;

namespace RustIds.Packets.Defragmentation;

/// <summary>Reads the fragmentation fields of an IPv4 or IPv6 datagram and checks them before anything is stored.</summary>
/// <remarks>
/// Datagrams that are not fragments, or whose headers are too broken to tell, are left to the normal decoder
/// (<see cref="DefragResult.NotFragment"/>), which counts its own errors; fragments with impossible fields are
/// dropped here with a <see cref="DefragDropReason"/>.
/// </remarks>
internal static class FragmentParser
{
    private const byte HopByHop = 0;
    private const byte Routing = 43;
    private const byte Fragment = 44;
    private const byte Esp = 50;
    private const byte AuthenticationHeader = 51;
    private const byte NoNextHeader = 59;
    private const byte DestinationOptions = 60;

    // RFC 8200 §4.1 recommends each extension header at most once (options twice); 8 is generous and matches the decoder.
    private const int MaxExtensionHeaders = 8;

    /// <summary>Parses <paramref name="datagram"/>; returns null when it is a fragment to store, else the result to give back.</summary>
    public static DefragResult? Parse(ReadOnlySpan<byte> datagram, int maxLength, out ParsedFragment fragment, out DefragDropReason reason)
    {
        fragment = default;
        reason = default;
        if (datagram.Length < 20)
            return DefragResult.NotFragment;
        return (datagram[0] >> 4) switch
        {
            4 => ParseV4(datagram, maxLength, ref fragment, out reason),
            6 => ParseV6(datagram, maxLength, ref fragment, out reason),
            _ => DefragResult.NotFragment,
        };
    }

    private static DefragResult? ParseV4(ReadOnlySpan<byte> datagram, int maxLength, ref ParsedFragment fragment, out DefragDropReason reason)
    {
        reason = default;
        var flagsAndOffset = BinaryPrimitives.ReadUInt16BigEndian(datagram[6..]);
        var offset = (flagsAndOffset & 0x1FFF) * 8;
        var moreFragments = (flagsAndOffset & 0x2000) != 0;
        if (offset == 0 && !moreFragments)
            return DefragResult.NotFragment;

        var headerLength = (datagram[0] & 0x0F) * 4;
        int totalLength = BinaryPrimitives.ReadUInt16BigEndian(datagram[2..]);
        if (headerLength < 20 || totalLength < headerLength)
            return Drop(DefragDropReason.MalformedHeader, out reason);
        if (totalLength > datagram.Length)
            return Drop(DefragDropReason.Truncated, out reason);

        fragment.IsV6 = false;
        fragment.Source = IpAddr.FromV4(BinaryPrimitives.ReadUInt32BigEndian(datagram[12..]));
        fragment.Destination = IpAddr.FromV4(BinaryPrimitives.ReadUInt32BigEndian(datagram[16..]));
        fragment.Identification = BinaryPrimitives.ReadUInt16BigEndian(datagram[4..]);
        fragment.Protocol = datagram[9];
        fragment.Offset = offset;
        fragment.MoreFragments = moreFragments;
        fragment.Header = datagram[..headerLength];
        fragment.Data = datagram[headerLength..totalLength];
        return CheckCommon(fragment, headerLength + offset + fragment.Data.Length > maxLength, out reason)
            ?? CheckTransportHeader(fragment.Protocol, fragment, out reason);
    }

    private static DefragResult? ParseV6(ReadOnlySpan<byte> datagram, int maxLength, ref ParsedFragment fragment, out DefragDropReason reason)
    {
        reason = default;
        if (datagram.Length < 40)
            return DefragResult.NotFragment;
        int payloadLength = BinaryPrimitives.ReadUInt16BigEndian(datagram[4..]);
        var limit = payloadLength == 0 ? datagram.Length : Math.Min(datagram.Length, 40 + payloadLength);
        var nextHeader = datagram[6];
        var nextHeaderIndex = 6;
        var position = 40;
        for (var count = 0; nextHeader != Fragment; count++)
        {
            // Only these may precede the fragment header (RFC 8200 §4.5 "unfragmentable part"); anything else means no fragment header.
            if (nextHeader is not (HopByHop or Routing or DestinationOptions) || count == MaxExtensionHeaders || position + 8 > limit)
                return DefragResult.NotFragment;
            var length = (datagram[position + 1] + 1) * 8;
            if (position + length > limit)
                return DefragResult.NotFragment;
            nextHeaderIndex = position;
            nextHeader = datagram[position];
            position += length;
        }

        if (position + 8 > limit)
            return Drop(limit < 40 + payloadLength ? DefragDropReason.Truncated : DefragDropReason.MalformedHeader, out reason);
        var offsetAndFlags = BinaryPrimitives.ReadUInt16BigEndian(datagram[(position + 2)..]);
        var offset = offsetAndFlags & 0xFFF8;
        var moreFragments = (offsetAndFlags & 1) != 0;
        if (offset == 0 && !moreFragments)
            return DefragResult.NotFragment; // Atomic fragment: processed on its own (RFC 6946 §4).
        if (payloadLength == 0)
            return Drop(DefragDropReason.MalformedHeader, out reason); // Jumbograms cannot be fragmented (RFC 2675 §3).
        if (40 + payloadLength > datagram.Length)
            return Drop(DefragDropReason.Truncated, out reason);
        if (position > IpDefragmenter.MaxHeaderBytes)
            return Drop(DefragDropReason.HeaderTooLong, out reason);

        fragment.IsV6 = true;
        fragment.Source = IpAddr.FromBytes(datagram.Slice(8, 16));
        fragment.Destination = IpAddr.FromBytes(datagram.Slice(24, 16));
        fragment.Identification = BinaryPrimitives.ReadUInt32BigEndian(datagram[(position + 4)..]);
        fragment.Protocol = datagram[position];
        fragment.Offset = offset;
        fragment.MoreFragments = moreFragments;
        fragment.Header = datagram[..position];
        fragment.NextHeaderIndex = nextHeaderIndex;
        fragment.Data = datagram[(position + 8)..(40 + payloadLength)];
        var unfragmentableLength = position - 40;
        return CheckCommon(fragment, unfragmentableLength + offset + fragment.Data.Length > maxLength, out reason)
            ?? CheckV6HeaderChain(fragment, out reason);
    }

    private static DefragResult? CheckCommon(in ParsedFragment fragment, bool tooLarge, out DefragDropReason reason)
    {
        reason = default;
        if (fragment.Data.IsEmpty)
            return Drop(DefragDropReason.EmptyFragment, out reason);
        if (fragment.MoreFragments && (fragment.Data.Length & 7) != 0)
            return Drop(DefragDropReason.NotMultipleOf8, out reason);
        if (tooLarge)
            return Drop(DefragDropReason.TooLarge, out reason);
        return null;
    }

    /// <summary>RFC 7112: the first fragment holds every extension header and the upper-layer header; walks the chain inside it.</summary>
    private static DefragResult? CheckV6HeaderChain(in ParsedFragment fragment, out DefragDropReason reason)
    {
        reason = default;
        if (fragment.Offset != 0)
            return CheckTransportHeader(fragment.Protocol, fragment, out reason);
        var data = fragment.Data;
        var nextHeader = fragment.Protocol;
        var position = 0;
        for (var count = 0; ; count++)
        {
            switch (nextHeader)
            {
                case Fragment:
                    return Drop(DefragDropReason.MalformedHeader, out reason);
                case HopByHop or Routing or DestinationOptions or AuthenticationHeader:
                {
                    if (count == MaxExtensionHeaders || position + 8 > data.Length)
                        return Drop(DefragDropReason.TinyFragment, out reason);
                    // AH counts 4-byte words minus 2 (RFC 4302 §2.2); the others 8-byte words minus 1.
                    var length = nextHeader == AuthenticationHeader ? (data[position + 1] + 2) * 4 : (data[position + 1] + 1) * 8;
                    nextHeader = data[position];
                    position += length;
                    break;
                }
                case Esp or NoNextHeader:
                    return null; // Nothing readable follows.
                default:
                    if (position + MinimumTransportHeader(nextHeader) > data.Length)
                        return Drop(DefragDropReason.TinyFragment, out reason);
                    return null;
            }
        }
    }

    /// <summary>RFC 1858 §3: the first fragment holds the transport header and no later fragment starts inside it.</summary>
    private static DefragResult? CheckTransportHeader(byte protocol, in ParsedFragment fragment, out DefragDropReason reason)
    {
        reason = default;
        var minimum = MinimumTransportHeader(protocol);
        if (fragment.Offset == 0 ? fragment.Data.Length < minimum : fragment.Offset < minimum)
            return Drop(DefragDropReason.TinyFragment, out reason);
        return null;
    }

    /// <summary>Fixed header bytes of TCP (RFC 9293), UDP, ICMP/ICMPv6 (type, code, checksum, 4-byte rest) and SCTP (common header); 0 for others.</summary>
    private static int MinimumTransportHeader(byte protocol) => protocol switch
    {
        (byte)IpProtocol.Tcp => 20,
        (byte)IpProtocol.Udp or (byte)IpProtocol.Icmp or (byte)IpProtocol.IcmpV6 => 8,
        132 => 12,
        _ => 0,
    };

    private static DefragResult Drop(DefragDropReason why, out DefragDropReason reason)
    {
        reason = why;
        return DefragResult.Dropped;
    }
}
