using System.Buffers.Binary;
using RustIds.Packets.Defragmentation;

namespace RustIds.Packets.Defragmentation.Tests;

/// <summary>Hand-built IPv4 and IPv6 fragments for the defragmenter tests.</summary>
internal static class Fragments
{
    public const byte HopByHop = 0;
    public const byte FragmentHeader = 44;
    public const byte DestinationOptions = 60;

    public static readonly IpAddr V4Source = IpAddr.Parse("192.0.2.1");
    public static readonly IpAddr V4Destination = IpAddr.Parse("198.51.100.2");
    public static readonly IpAddr V6Source = IpAddr.Parse("2001:db8::1");
    public static readonly IpAddr V6Destination = IpAddr.Parse("2001:db8::2");

    public static long T0 { get; } = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc).Ticks;

    /// <summary>IPv4 fragment: 20-byte header, <paramref name="offset"/> in bytes.</summary>
    public static byte[] V4(ushort id, int offset, bool more, ReadOnlySpan<byte> data, byte protocol = (byte)IpProtocol.Icmp) =>
        FrameBuilder.Ipv4(V4Source, V4Destination, protocol, data, identification: id, fragmentOffset: offset, moreFragments: more);

    /// <summary>IPv4 fragment of <paramref name="length"/> copies of <paramref name="fill"/> (Suricata's BuildIpv4TestPacket shape).</summary>
    public static byte[] V4(ushort id, int offset, bool more, char fill, int length, byte protocol = (byte)IpProtocol.Icmp) =>
        V4(id, offset, more, Enumerable.Repeat((byte)fill, length).ToArray(), protocol);

    /// <summary>IPv6 fragment: fixed header, optional extension headers before the fragment header, then the fragment header.</summary>
    /// <param name="unfragmentable">Extension headers before the fragment header, already chained; the last one's next header must be 44.</param>
    /// <param name="firstHeader">Next header of the fixed header: 44, or the first of <paramref name="unfragmentable"/>.</param>
    public static byte[] V6(uint id, int offset, bool more, ReadOnlySpan<byte> data, byte nextHeader = (byte)IpProtocol.IcmpV6, ReadOnlySpan<byte> unfragmentable = default, byte firstHeader = FragmentHeader)
    {
        var payload = new byte[unfragmentable.Length + 8 + data.Length];
        unfragmentable.CopyTo(payload);
        var header = payload.AsSpan(unfragmentable.Length, 8);
        header[0] = nextHeader;
        BinaryPrimitives.WriteUInt16BigEndian(header[2..], (ushort)(offset | (more ? 1 : 0)));
        BinaryPrimitives.WriteUInt32BigEndian(header[4..], id);
        data.CopyTo(payload.AsSpan(unfragmentable.Length + 8));
        return FrameBuilder.Ipv6(V6Source, V6Destination, firstHeader, payload);
    }

    public static byte[] V6(uint id, int offset, bool more, char fill, int length, byte nextHeader = (byte)IpProtocol.IcmpV6) =>
        V6(id, offset, more, Enumerable.Repeat((byte)fill, length).ToArray(), nextHeader);

    /// <summary>An 8-byte hop-by-hop (or destination options) header with PadN filling, naming <paramref name="next"/>.</summary>
    public static byte[] OptionsHeader(byte next) => [next, 0, 1, 4, 0, 0, 0, 0];

    /// <summary>Splits the transport bytes of an IPv4 datagram into fragments of <paramref name="size"/> data bytes (a multiple of 8).</summary>
    public static List<byte[]> SplitV4(ushort id, ReadOnlySpan<byte> transport, int size, byte protocol, IpAddr? source = null, IpAddr? destination = null)
    {
        var list = new List<byte[]>();
        for (var offset = 0; offset < transport.Length; offset += size)
        {
            var length = Math.Min(size, transport.Length - offset);
            list.Add(FrameBuilder.Ipv4(source ?? V4Source, destination ?? V4Destination, protocol, transport.Slice(offset, length),
                identification: id, fragmentOffset: offset, moreFragments: offset + length < transport.Length));
        }
        return list;
    }

    /// <summary>Splits an IPv6 fragmentable part into fragments of <paramref name="size"/> bytes, with <paramref name="unfragmentable"/> headers repeated in each.</summary>
    public static List<byte[]> SplitV6(uint id, ReadOnlySpan<byte> fragmentable, int size, byte nextHeader, ReadOnlySpan<byte> unfragmentable = default, byte firstHeader = FragmentHeader)
    {
        var list = new List<byte[]>();
        for (var offset = 0; offset < fragmentable.Length; offset += size)
        {
            var length = Math.Min(size, fragmentable.Length - offset);
            list.Add(V6(id, offset, offset + length < fragmentable.Length, fragmentable.Slice(offset, length), nextHeader, unfragmentable, firstHeader));
        }
        return list;
    }

    /// <summary>Bytes 0..n-1 as a repeating pattern, so misplaced bytes show.</summary>
    public static byte[] Pattern(int length, int seed = 0)
    {
        var bytes = new byte[length];
        for (var i = 0; i < length; i++)
            bytes[i] = (byte)((i * 7) + seed + (i >> 8));
        return bytes;
    }

    /// <summary>Feeds every fragment and returns the result and a copy of the reassembled bytes of the last call.</summary>
    public static (DefragResult Result, byte[] Reassembled) Feed(IpDefragmenter defragmenter, IEnumerable<byte[]> fragments, long timestamp = 0, ushort vlan = 0)
    {
        var result = DefragResult.NotFragment;
        var bytes = Array.Empty<byte>();
        foreach (var fragment in fragments)
        {
            result = defragmenter.Process(fragment, timestamp == 0 ? T0 : timestamp, vlan, out var reassembled);
            bytes = reassembled.ToArray();
        }
        return (result, bytes);
    }

    /// <summary>Decodes a reassembled datagram with the normal decoder (raw IP link type).</summary>
    public static (DecodeStatus Status, ushort SourcePort, ushort DestinationPort, byte[] Payload, bool IsFragment, IpProtocol Protocol) Decode(byte[] datagram)
    {
        var packet = default(Packet);
        var status = PacketDecoder.Decode(LinkType.Raw, datagram, ref packet);
        return (status, packet.SourcePort, packet.DestinationPort, packet.Payload.ToArray(), packet.IsFragment, packet.Protocol);
    }
}
