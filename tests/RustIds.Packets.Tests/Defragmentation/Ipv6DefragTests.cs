using System.Buffers.Binary;
using static RustIds.Packets.Defragmentation.Tests.Fragments;

namespace RustIds.Packets.Defragmentation.Tests;

public sealed class Ipv6DefragTests
{
    [Fact]
    public void Process_FragmentsWithoutExtensionHeaders_ReassembleToOriginal()
    {
        var transport = FrameBuilder.Udp(V6Source, V6Destination, 40000, 443, Pattern(2500));
        var original = FrameBuilder.Ipv6(V6Source, V6Destination, (byte)IpProtocol.Udp, transport);
        var fragments = SplitV6(0xDEADBEEF, transport, 1232, (byte)IpProtocol.Udp);
        fragments.Reverse();
        var defrag = new IpDefragmenter();

        var (result, reassembled) = Feed(defrag, fragments);

        Assert.Equal(DefragResult.Reassembled, result);
        Assert.Equal(original, reassembled);
        var decoded = Decode(reassembled);
        Assert.Equal(DecodeStatus.Ok, decoded.Status);
        Assert.Equal((ushort)40000, decoded.SourcePort);
        Assert.Equal((ushort)443, decoded.DestinationPort);
        Assert.Equal(Pattern(2500), decoded.Payload);
        Assert.Equal(1, defrag.Counters.Ipv6Reassembled);
    }

    [Fact]
    public void Process_HopByHopBeforeFragmentHeader_PatchesHopByHopNextHeader()
    {
        // Fixed header (next 0) → hop-by-hop (next 44) → fragment header (next 17) → UDP.
        var transport = FrameBuilder.Udp(V6Source, V6Destination, 1000, 53, Pattern(1800));
        var original = FrameBuilder.Ipv6(V6Source, V6Destination, HopByHop, [.. OptionsHeader((byte)IpProtocol.Udp), .. transport]);
        var fragments = SplitV6(77, transport, 1000, (byte)IpProtocol.Udp, OptionsHeader(FragmentHeader), HopByHop);
        var defrag = new IpDefragmenter();

        var (result, reassembled) = Feed(defrag, fragments);

        Assert.Equal(DefragResult.Reassembled, result);
        Assert.Equal(original, reassembled);
        Assert.Equal(HopByHop, reassembled[6]);
        Assert.Equal((byte)IpProtocol.Udp, reassembled[40]);
        Assert.Equal(8 + transport.Length, BinaryPrimitives.ReadUInt16BigEndian(reassembled.AsSpan(4)));
        var decoded = Decode(reassembled);
        Assert.Equal(DecodeStatus.Ok, decoded.Status);
        Assert.Equal((ushort)53, decoded.DestinationPort);
        Assert.Equal(Pattern(1800), decoded.Payload);
    }

    [Fact]
    public void Process_HopByHopAndDestinationOptions_PatchesLastUnfragmentableHeader()
    {
        byte[] unfragmentable = [.. OptionsHeader(DestinationOptions), .. OptionsHeader(FragmentHeader)];
        var data = FrameBuilder.Icmp(V6Source, V6Destination, 128, 0, Pattern(300));
        var fragments = SplitV6(5, data, 160, (byte)IpProtocol.IcmpV6, unfragmentable, HopByHop);
        var defrag = new IpDefragmenter();

        var (result, reassembled) = Feed(defrag, [fragments[1], fragments[0]]);

        Assert.Equal(DefragResult.Reassembled, result);
        Assert.Equal(40 + 16 + data.Length, reassembled.Length);
        Assert.Equal(DestinationOptions, reassembled[40]);
        Assert.Equal((byte)IpProtocol.IcmpV6, reassembled[48]);
        Assert.Equal(data, reassembled[56..]);
        var decoded = Decode(reassembled);
        Assert.Equal(DecodeStatus.Ok, decoded.Status);
        Assert.Equal(IpProtocol.IcmpV6, decoded.Protocol);
    }

    [Fact]
    public void Process_AtomicFragment_IsNotAFragment()
    {
        // RFC 6946: offset 0 and M clear; the decoder handles it like any packet.
        var defrag = new IpDefragmenter();
        var atomic = V6(1, 0, false, FrameBuilder.Udp(V6Source, V6Destination, 1, 2, "hi"u8), (byte)IpProtocol.Udp);

        Assert.Equal(DefragResult.NotFragment, defrag.Process(atomic, T0, 0, out _));
        Assert.Equal(0, defrag.Counters.Ipv6Fragments);
    }

    [Fact]
    public void Process_IdentificationIs32Bits_KeepsDatagramsApart()
    {
        var defrag = new IpDefragmenter();
        Assert.Equal(DefragResult.Held, defrag.Process(V6(0x0001_0001, 0, true, 'A', 8), T0, 0, out _));
        Assert.Equal(DefragResult.Held, defrag.Process(V6(0x0002_0001, 8, false, 'B', 8), T0, 0, out _));
        Assert.Equal(2, defrag.ActiveDatagrams);
    }

    [Fact]
    public void Process_FragmentOfJumbogram_IsDroppedAsMalformed()
    {
        // Payload length 0 announces a jumbogram, which must not carry a fragment header (RFC 2675 §3).
        var fragment = V6(1, 0, true, 'A', 16);
        fragment[4] = fragment[5] = 0;
        var defrag = new IpDefragmenter();

        Assert.Equal(DefragResult.Dropped, defrag.Process(fragment, T0, 0, out _));
        Assert.Equal(1, defrag.Counters.DroppedFor(DefragDropReason.MalformedHeader));
    }

    [Fact]
    public void Process_FirstFragmentCuttingHeaderChain_IsTiny()
    {
        // RFC 7112: the first fragment must hold the whole chain; here a destination options header promises TCP
        // but the fragment ends 8 bytes into the TCP header.
        byte[] data = [.. OptionsHeader((byte)IpProtocol.Tcp), .. new byte[8]];
        var defrag = new IpDefragmenter();

        Assert.Equal(DefragResult.Dropped, defrag.Process(V6(1, 0, true, data, DestinationOptions), T0, 0, out _));
        Assert.Equal(1, defrag.Counters.DroppedFor(DefragDropReason.TinyFragment));
    }

    [Fact]
    public void Process_BeyondMaximumPayloadLength_IsTooLarge()
    {
        // 65528 + 16 > 65535: an IPv6 ping of death.
        var defrag = new IpDefragmenter();

        Assert.Equal(DefragResult.Dropped, defrag.Process(V6(1, 65528, false, 'A', 16), T0, 0, out _));
        Assert.Equal(1, defrag.Counters.DroppedFor(DefragDropReason.TooLarge));
    }

    [Fact]
    public void Process_UnfragmentablePartLongerThanHeaderRoom_IsDropped()
    {
        // A 256-byte hop-by-hop header makes fixed + unfragmentable headers 296 bytes > 256.
        var hopByHop = new byte[256];
        hopByHop[0] = FragmentHeader;
        hopByHop[1] = 31; // (31 + 1) × 8 = 256 bytes
        hopByHop[2] = 1; // PadN
        hopByHop[3] = 252;
        var defrag = new IpDefragmenter();

        Assert.Equal(DefragResult.Dropped, defrag.Process(V6(1, 0, true, Pattern(16), 59, hopByHop, HopByHop), T0, 0, out _));
        Assert.Equal(1, defrag.Counters.DroppedFor(DefragDropReason.HeaderTooLong));
    }

    [Fact]
    public void Process_TruncatedFragmentHeader_IsDropped()
    {
        var fragment = V6(1, 8, true, 'A', 8);
        BinaryPrimitives.WriteUInt16BigEndian(fragment.AsSpan(4), 200); // payload length beyond the 56 captured bytes
        var defrag = new IpDefragmenter();

        Assert.Equal(DefragResult.Dropped, defrag.Process(fragment, T0, 0, out _));
        Assert.Equal(1, defrag.Counters.DroppedFor(DefragDropReason.Truncated));
    }
}
