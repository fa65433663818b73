using System.Buffers.Binary;
using static RustIds.Packets.Defragmentation.Tests.Fragments;

namespace RustIds.Packets.Defragmentation.Tests;

public sealed class IpDefragmenterTests
{
    private static byte[] UdpDatagram(int payloadLength, out byte[] transport, out byte[] payload)
    {
        payload = Pattern(payloadLength);
        transport = FrameBuilder.Udp(V4Source, V4Destination, 5353, 53, payload);
        // The unfragmented datagram the fragments came from: the reassembled one must equal it byte for byte.
        return FrameBuilder.Ipv4(V4Source, V4Destination, (byte)IpProtocol.Udp, transport, identification: 0x1234);
    }

    [Fact]
    public void Process_InOrderUdpFragments_ReassemblesOriginalDatagram()
    {
        var original = UdpDatagram(3000, out var transport, out var payload);
        var fragments = SplitV4(0x1234, transport, 1480, (byte)IpProtocol.Udp);
        var defrag = new IpDefragmenter();

        Assert.Equal(DefragResult.Held, defrag.Process(fragments[0], T0, 0, out var none));
        Assert.True(none.IsEmpty);
        Assert.Equal(DefragResult.Held, defrag.Process(fragments[1], T0, 0, out _));
        Assert.Equal(DefragResult.Reassembled, defrag.Process(fragments[2], T0, 0, out var reassembled));

        Assert.Equal(original, reassembled.ToArray());
        var decoded = Decode(reassembled.ToArray());
        Assert.Equal(DecodeStatus.Ok, decoded.Status);
        Assert.False(decoded.IsFragment);
        Assert.Equal(IpProtocol.Udp, decoded.Protocol);
        Assert.Equal((ushort)5353, decoded.SourcePort);
        Assert.Equal((ushort)53, decoded.DestinationPort);
        Assert.Equal(payload, decoded.Payload);
        Assert.Equal(3, defrag.Counters.Ipv4Fragments);
        Assert.Equal(1, defrag.Counters.Ipv4Reassembled);
        Assert.Equal(0, defrag.ActiveDatagrams);
        Assert.Equal(0, defrag.HeldBytes);
    }

    [Theory]
    [InlineData(new[] { 2, 1, 0 })]
    [InlineData(new[] { 1, 2, 0 })]
    [InlineData(new[] { 0, 2, 1 })]
    [InlineData(new[] { 2, 0, 1 })]
    public void Process_FragmentsInAnyOrder_ReassemblesOriginalDatagram(int[] order)
    {
        var original = UdpDatagram(3000, out var transport, out _);
        var fragments = SplitV4(0x1234, transport, 1480, (byte)IpProtocol.Udp);
        var defrag = new IpDefragmenter();

        var (result, reassembled) = Feed(defrag, order.Select(i => fragments[i]));

        Assert.Equal(DefragResult.Reassembled, result);
        Assert.Equal(original, reassembled);
        Assert.Equal(0, defrag.Counters.Overlaps);
    }

    [Fact]
    public void Process_DuplicatedFragments_ReassemblesOnceAndCountsOverlapsWithoutConflict()
    {
        var original = UdpDatagram(2000, out var transport, out _);
        var fragments = SplitV4(0x1234, transport, 1024, (byte)IpProtocol.Udp);
        var defrag = new IpDefragmenter();

        Assert.Equal(DefragResult.Held, defrag.Process(fragments[0], T0, 0, out _));
        Assert.Equal(DefragResult.Held, defrag.Process(fragments[0], T0, 0, out _));
        Assert.Equal(DefragResult.Reassembled, defrag.Process(fragments[1], T0, 0, out var reassembled));
        Assert.Equal(original, reassembled.ToArray());
        // A late duplicate of a finished datagram starts a new one that never completes.
        Assert.Equal(DefragResult.Held, defrag.Process(fragments[1], T0, 0, out _));

        Assert.Equal(1, defrag.Counters.Overlaps);
        Assert.Equal(0, defrag.Counters.OverlapConflicts);
        Assert.Equal(1, defrag.ActiveDatagrams);
    }

    [Fact]
    public void Process_SuricataInOrderSimple_ReassemblesAbc()
    {
        // Suricata's DefragInOrderSimpleTest: A*8 at 0, B*8 at 8, C*3 at 16 (last) → 39-byte datagram.
        var defrag = new IpDefragmenter();
        var (result, reassembled) = Feed(defrag, [V4(12, 0, true, 'A', 8), V4(12, 8, true, 'B', 8), V4(12, 16, false, 'C', 3)]);

        Assert.Equal(DefragResult.Reassembled, result);
        Assert.Equal(39, reassembled.Length);
        Assert.Equal(39, BinaryPrimitives.ReadUInt16BigEndian(reassembled.AsSpan(2)));
        Assert.Equal("AAAAAAAABBBBBBBBCCC"u8.ToArray(), reassembled[20..]);
        Assert.Equal(0, BinaryPrimitives.ReadUInt16BigEndian(reassembled.AsSpan(6)));
        Assert.Equal(0, FrameBuilder.Checksum(0, reassembled.AsSpan(0, 20)));
    }

    [Fact]
    public void Process_DontFragmentBitOnFirstFragment_IsKeptAndChecksumRecomputed()
    {
        var first = V4(7, 0, true, 'A', 8);
        first[6] |= 0x40; // DF next to MF: odd but seen; DF survives reassembly, MF and offset do not.
        first[10] = first[11] = 0;
        BinaryPrimitives.WriteUInt16BigEndian(first.AsSpan(10), FrameBuilder.Checksum(0, first.AsSpan(0, 20)));
        var defrag = new IpDefragmenter();

        var (result, reassembled) = Feed(defrag, [first, V4(7, 8, false, 'B', 8)]);

        Assert.Equal(DefragResult.Reassembled, result);
        Assert.Equal(0x4000, BinaryPrimitives.ReadUInt16BigEndian(reassembled.AsSpan(6)));
        Assert.Equal(0, FrameBuilder.Checksum(0, reassembled.AsSpan(0, 20)));
    }

    [Fact]
    public void Process_FirstFragmentWithIpOptions_KeepsOptionsAndFixesLength()
    {
        ReadOnlySpan<byte> options = [0x01, 0x01, 0x01, 0x00]; // NOP, NOP, NOP, end of options list
        var first = FrameBuilder.Ipv4(V4Source, V4Destination, 1, "AAAAAAAA"u8, identification: 9, moreFragments: true, options: options);
        var defrag = new IpDefragmenter();

        var (result, reassembled) = Feed(defrag, [V4(9, 8, false, 'B', 5), first]);

        Assert.Equal(DefragResult.Reassembled, result);
        Assert.Equal(0x46, reassembled[0]);
        Assert.Equal(24 + 13, BinaryPrimitives.ReadUInt16BigEndian(reassembled.AsSpan(2)));
        Assert.Equal("AAAAAAAABBBBB"u8.ToArray(), reassembled[24..]);
        Assert.Equal(0, FrameBuilder.Checksum(0, reassembled.AsSpan(0, 24)));
    }

    [Fact]
    public void Process_FragmentsWithEthernetPadding_IgnorePaddingPastTotalLength()
    {
        // Short frames arrive padded to Ethernet's 60-byte minimum; the IP total length bounds the fragment.
        var defrag = new IpDefragmenter();
        byte[] first = [.. V4(5, 0, true, 'A', 8), .. new byte[18]];
        byte[] last = [.. V4(5, 8, false, 'B', 2), .. new byte[24]];

        var (result, reassembled) = Feed(defrag, [first, last]);

        Assert.Equal(DefragResult.Reassembled, result);
        Assert.Equal("AAAAAAAABB"u8.ToArray(), reassembled[20..]);
    }

    [Fact]
    public void Process_UnfragmentedDatagrams_AreNotFragments()
    {
        var defrag = new IpDefragmenter();
        var udp = FrameBuilder.Ipv4(V4Source, V4Destination, 17, FrameBuilder.Udp(V4Source, V4Destination, 1, 2, "x"u8));
        var udp6 = FrameBuilder.Ipv6(V6Source, V6Destination, 17, FrameBuilder.Udp(V6Source, V6Destination, 1, 2, "x"u8));

        Assert.Equal(DefragResult.NotFragment, defrag.Process(udp, T0, 0, out _));
        Assert.Equal(DefragResult.NotFragment, defrag.Process(udp6, T0, 0, out _));
        Assert.Equal(DefragResult.NotFragment, defrag.Process([0x45, 0, 0], T0, 0, out _));
        Assert.Equal(DefragResult.NotFragment, defrag.Process(new byte[40], T0, 0, out _));
        Assert.Equal(0, defrag.Counters.Ipv4Fragments + defrag.Counters.Ipv6Fragments);
    }

    [Fact]
    public void Process_SameFragmentsOnDifferentVlans_DoNotReassembleTogether()
    {
        // Suricata's DefragVlanTest.
        var defrag = new IpDefragmenter();
        var first = V4(1, 0, true, 'A', 8);
        var last = V4(1, 8, false, 'B', 8);

        Assert.Equal(DefragResult.Held, defrag.Process(first, T0, 1, out _));
        Assert.Equal(DefragResult.Held, defrag.Process(last, T0, 2, out _));
        Assert.Equal(DefragResult.Reassembled, defrag.Process(last, T0, 1, out _));
        Assert.Equal(1, defrag.ActiveDatagrams);
    }

    [Fact]
    public void Process_SameIdDifferentProtocol_DoesNotReassemble()
    {
        // Suricata's DefragTestBadProto: the IPv4 key includes the protocol.
        var defrag = new IpDefragmenter();
        var (result, _) = Feed(defrag, [V4(12, 0, true, 'A', 8), V4(12, 8, true, 'B', 8, protocol: 17), V4(12, 16, false, 'C', 3)]);

        Assert.Equal(DefragResult.Held, result);
        Assert.Equal(2, defrag.ActiveDatagrams);
    }

    [Fact]
    public void Process_LastFragmentEndingBeforeHeldBytes_DropsWholeDatagram()
    {
        // Suricata's DefragMfIpv4Test order (C at 16 with MF, A at 0, B at 8 as last): the end contradicts C.
        // Suricata reassembles A+B; we drop the datagram as Linux does, so later fragments cannot revive it.
        var defrag = new IpDefragmenter();
        Assert.Equal(DefragResult.Held, defrag.Process(V4(9, 16, true, 'C', 8), T0, 0, out _));
        Assert.Equal(DefragResult.Held, defrag.Process(V4(9, 0, true, 'A', 8), T0, 0, out _));
        Assert.Equal(DefragResult.Dropped, defrag.Process(V4(9, 8, false, 'B', 8), T0, 0, out _));

        Assert.Equal(1, defrag.Counters.DroppedFor(DefragDropReason.ConflictingLast));
        Assert.Equal(0, defrag.ActiveDatagrams);
        Assert.Equal(0, defrag.HeldBytes);
    }

    [Fact]
    public void Constructor_InvalidOptions_ListsEveryProblem()
    {
        var options = new DefragOptions { MaxDatagrams = 0, MaxFragmentsPerDatagram = 1, MemcapBytes = 10, Timeout = TimeSpan.Zero, MaxReassembledLength = 70000, Policy = (DefragPolicy)42 };

        var problems = options.Validate();
        var error = Assert.Throws<ArgumentException>(() => new IpDefragmenter(options));

        Assert.Equal(6, problems.Count);
        Assert.Contains("MaxDatagrams", error.Message, StringComparison.Ordinal);
        Assert.Contains("Timeout", error.Message, StringComparison.Ordinal);
        Assert.Empty(DefragOptions.Default.Validate());
    }
}
