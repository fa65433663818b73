using System.Buffers.Binary;
using static RustIds.Packets.Defragmentation.Tests.Fragments;

namespace RustIds.Packets.Defragmentation.Tests;

public sealed class MalformedFragmentTests
{
    public static TheoryData<string, byte[], DefragDropReason> MalformedIpv4 => new()
    {
        // Non-last fragment of 12 bytes: only the last fragment may end off an 8-byte boundary.
        { "not multiple of 8", V4(1, 0, true, 'A', 12), DefragDropReason.NotMultipleOf8 },
        // Suricata's DefragNoDataIpv4Test: offset 8, MF clear, no data.
        { "empty", V4(1, 8, false, 'A', 0), DefragDropReason.EmptyFragment },
        // TCP first fragment of 16 bytes cannot hold the 20-byte TCP header (RFC 1858 tiny fragment).
        { "tiny tcp first", V4(1, 0, true, 'A', 16, protocol: 6), DefragDropReason.TinyFragment },
        // TCP fragment at offset 8 rewrites the flags of the first fragment (RFC 1858 §3.2, FO = 1).
        { "tcp offset 8", V4(1, 8, false, 'A', 16, protocol: 6), DefragDropReason.TinyFragment },
        { "offset beyond 65535", V4(1, 65528, false, 'A', 8), DefragDropReason.TooLarge },
        { "ihl below 5", WithByte(V4(1, 0, true, 'A', 8), 0, 0x44), DefragDropReason.MalformedHeader },
        { "total below ihl", WithUInt16(V4(1, 0, true, 'A', 8), 2, 19), DefragDropReason.MalformedHeader },
        { "ihl beyond total", WithByte(V4(1, 0, true, 'A', 8), 0, 0x4F), DefragDropReason.MalformedHeader },
        { "total beyond capture", WithUInt16(V4(1, 0, true, 'A', 8), 2, 400), DefragDropReason.Truncated },
    };

    [Theory]
    [MemberData(nameof(MalformedIpv4))]
    public void Process_MalformedIpv4Fragment_IsDroppedByReason(string name, byte[] fragment, DefragDropReason reason)
    {
        var defrag = new IpDefragmenter();

        var result = defrag.Process(fragment, T0, 0, out var reassembled);

        Assert.True(result == DefragResult.Dropped, name);
        Assert.True(reassembled.IsEmpty);
        Assert.Equal(1, defrag.Counters.DroppedFor(reason));
        Assert.Equal(1, defrag.Counters.Dropped);
        Assert.Equal(0, defrag.ActiveDatagrams);
    }

    [Fact]
    public void Process_SecondLastFragmentWithOtherEnd_DropsDatagram()
    {
        var defrag = new IpDefragmenter();
        defrag.Process(V4(1, 0, true, 'A', 8), T0, 0, out _);
        defrag.Process(V4(1, 16, false, 'C', 8), T0, 0, out _);

        Assert.Equal(DefragResult.Dropped, defrag.Process(V4(1, 16, false, 'C', 6), T0, 0, out _));

        Assert.Equal(1, defrag.Counters.DroppedFor(DefragDropReason.ConflictingLast));
        Assert.Equal(0, defrag.ActiveDatagrams);
    }

    [Fact]
    public void Process_FragmentBeyondKnownEnd_DropsDatagram()
    {
        var defrag = new IpDefragmenter();
        defrag.Process(V4(1, 16, false, 'C', 8), T0, 0, out _);

        Assert.Equal(DefragResult.Dropped, defrag.Process(V4(1, 16, true, 'X', 16), T0, 0, out _));

        Assert.Equal(1, defrag.Counters.DroppedFor(DefragDropReason.ConflictingLast));
    }

    [Fact]
    public void Process_SameLastFragmentTwice_IsAnOverlapNotAConflict()
    {
        var defrag = new IpDefragmenter();
        defrag.Process(V4(1, 8, false, 'B', 5), T0, 0, out _);
        defrag.Process(V4(1, 8, false, 'B', 5), T0, 0, out _);

        Assert.Equal(DefragResult.Reassembled, defrag.Process(V4(1, 0, true, 'A', 8), T0, 0, out var reassembled));
        Assert.Equal(33, reassembled.Length);
        Assert.Equal(1, defrag.Counters.Overlaps);
        Assert.Equal(0, defrag.Counters.Dropped);
    }

    private static byte[] WithByte(byte[] packet, int index, byte value)
    {
        packet[index] = value;
        return packet;
    }

    private static byte[] WithUInt16(byte[] packet, int index, ushort value)
    {
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(index), value);
        return packet;
    }
}
