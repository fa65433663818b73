using System.Buffers.Binary;
using Xunit.Abstractions;
using static RustIds.Packets.Defragmentation.Tests.Fragments;

namespace RustIds.Packets.Defragmentation.Tests;

public sealed class DefragMutationTests(ITestOutputHelper output)
{
    private const int Sequences = 200_000;
    private const int MaxFragments = 24;

    [Fact]
    public void Process_SeededMutatedSequences_NeverThrowsAndCountsErrors()
    {
        var random = new Random(20261204);
        var templates = Templates();
        // One defragmenter per policy, with small limits so eviction and expiry run often.
        var options = new DefragOptions { MaxDatagrams = 64, MemcapBytes = 256 * IpDefragmenter.PageBytes, MaxFragmentsPerDatagram = 32 };
        var defragmenters = Enum.GetValues<DefragPolicy>().Select(p => new IpDefragmenter(options with { Policy = p })).ToArray();
        var scratch = Enumerable.Range(0, MaxFragments * 2).Select(_ => new byte[2048]).ToArray();
        var lengths = new int[MaxFragments * 2];
        var clock = T0;
        long fragmentsFed = 0, reassembled = 0;

        for (var sequence = 0; sequence < Sequences; sequence++)
        {
            var template = templates[random.Next(templates.Length)];
            var count = Mutate(random, template, scratch, lengths);
            var defrag = defragmenters[sequence % defragmenters.Length];
            var vlan = (ushort)random.Next(2);
            for (var i = 0; i < count; i++)
            {
                // Mostly small steps; sometimes back in time (several capture queues), sometimes past the timeout.
                var step = random.Next(2000);
                clock += step < 100 ? -TimeSpan.TicksPerSecond : step == 100 ? 40 * TimeSpan.TicksPerSecond : TimeSpan.TicksPerMillisecond * random.Next(1, 40);
                var result = defrag.Process(scratch[i].AsSpan(0, lengths[i]), clock, vlan, out var output);
                fragmentsFed++;
                Assert.True(result is >= DefragResult.NotFragment and <= DefragResult.Dropped);
                if (result == DefragResult.Reassembled)
                {
                    reassembled++;
                    AssertWellFormed(output);
                }
                else
                {
                    Assert.True(output.IsEmpty);
                }
            }
            if (random.Next(100) == 0)
                defrag.Expire(clock);
        }

        var dropped = defragmenters.Sum(d => d.Counters.Dropped);
        output.WriteLine($"{Sequences} sequences, {fragmentsFed} fragments, {reassembled} reassembled, {dropped} dropped, "
            + $"{defragmenters.Sum(d => d.Counters.OverlapConflicts)} conflicting overlaps, {defragmenters.Sum(d => d.Counters.Timeouts)} timeouts, "
            + $"{defragmenters.Sum(d => d.Counters.EvictedTableFull + d.Counters.EvictedMemcap)} evictions");
        foreach (var reason in Enum.GetValues<DefragDropReason>())
            output.WriteLine($"  {reason}: {defragmenters.Sum(d => d.Counters.DroppedFor(reason))}");
        Assert.True(fragmentsFed >= Sequences * 3L);
        Assert.True(reassembled > 1000, $"reassembled {reassembled}");
        Assert.True(dropped > 10_000, $"dropped {dropped}");
        foreach (var reason in new[] { DefragDropReason.Truncated, DefragDropReason.MalformedHeader, DefragDropReason.NotMultipleOf8, DefragDropReason.TooLarge, DefragDropReason.TinyFragment, DefragDropReason.ConflictingLast, DefragDropReason.EmptyFragment })
            Assert.True(defragmenters.Sum(d => d.Counters.DroppedFor(reason)) > 0, reason.ToString());
        Assert.True(defragmenters.Sum(d => d.Counters.OverlapConflicts) > 0);
        Assert.True(defragmenters.Sum(d => d.Counters.Timeouts) > 0);
        Assert.True(defragmenters.Sum(d => d.Counters.EvictedTableFull) > 0);
        foreach (var defrag in defragmenters)
        {
            // Everything still held is released by expiry: no page or slot leaked.
            defrag.Expire(clock + TimeSpan.TicksPerDay);
            Assert.Equal(0, defrag.ActiveDatagrams);
            Assert.Equal(0, defrag.HeldBytes);
        }
    }

    [Fact]
    public void Process_EveryTruncationOfEveryFragment_NeverThrows()
    {
        var defrag = new IpDefragmenter();
        var truncations = 0;
        foreach (var template in Templates())
        {
            foreach (var fragment in template)
            {
                for (var length = 0; length <= fragment.Length; length++)
                {
                    var result = defrag.Process(fragment.AsSpan(0, length), T0, 0, out _);
                    Assert.True(result != DefragResult.Reassembled || length == fragment.Length);
                    truncations++;
                }
            }
        }

        Assert.True(truncations > 1000, $"truncations {truncations}");
        Assert.True(defrag.Counters.DroppedFor(DefragDropReason.Truncated) > 0);
    }

    [Fact]
    public void Process_Ipv6ChainOfNineOptionHeaders_IsLeftToTheDecoder()
    {
        // Nine destination options headers before the fragment header exceed the decoder's limit of 8.
        var chain = new List<byte>();
        for (var i = 0; i < 9; i++)
            chain.AddRange(OptionsHeader(i == 8 ? FragmentHeader : DestinationOptions));
        var defrag = new IpDefragmenter();

        var result = defrag.Process(V6(1, 0, true, Pattern(16), 59, chain.ToArray(), DestinationOptions), T0, 0, out _);

        Assert.Equal(DefragResult.NotFragment, result);
    }

    private static int Mutate(Random random, byte[][] template, byte[][] scratch, int[] lengths)
    {
        var count = 0;
        foreach (var fragment in template)
        {
            if (count >= MaxFragments)
                break;
            if (random.Next(12) == 0)
                continue; // lost fragment
            var copies = random.Next(12) == 0 ? 2 : 1; // duplicated fragment
            for (var c = 0; c < copies; c++)
            {
                fragment.CopyTo(scratch[count], 0);
                lengths[count] = fragment.Length;
                count++;
            }
        }
        if (random.Next(3) == 0)
        {
            for (var i = count - 1; i > 0; i--)
            {
                var j = random.Next(i + 1);
                (scratch[i], scratch[j]) = (scratch[j], scratch[i]);
                (lengths[i], lengths[j]) = (lengths[j], lengths[i]);
            }
        }
        for (var i = 0; i < count; i++)
        {
            var buffer = scratch[i];
            ref var length = ref lengths[i];
            var isV6 = buffer[0] >> 4 == 6;
            switch (random.Next(24))
            {
                case 0: // bit flips, mostly in headers
                    for (var flips = random.Next(1, 4); flips > 0; flips--)
                    {
                        var at = random.Next(2) == 0 ? random.Next(Math.Min(length, 56)) : random.Next(length);
                        buffer[at] ^= (byte)(1 << random.Next(8));
                    }
                    break;
                case 1: // truncation
                    length = random.Next(length + 1);
                    break;
                case 2: // length field out of range
                    BinaryPrimitives.WriteUInt16BigEndian(buffer.AsSpan(isV6 ? 4 : 2), (ushort)random.Next(65536));
                    break;
                case 3: // offset anywhere, more-fragments either way
                    if (isV6)
                        BinaryPrimitives.WriteUInt16BigEndian(buffer.AsSpan(FragmentHeaderAt(buffer) + 2), (ushort)random.Next(65536));
                    else
                        BinaryPrimitives.WriteUInt16BigEndian(buffer.AsSpan(6), (ushort)random.Next(65536));
                    break;
                case 4: // header length or next header
                    buffer[isV6 ? 6 : 0] = (byte)(isV6 ? random.Next(256) : 0x40 | random.Next(16));
                    break;
                case 5: // identification collides with other datagrams
                    buffer[isV6 ? FragmentHeaderAt(buffer) + 7 : 5] = (byte)random.Next(4);
                    break;
                default:
                    break; // unchanged, so many sequences still complete
            }
        }
        return count;
    }

    private static int FragmentHeaderAt(byte[] buffer) => buffer[6] == FragmentHeader ? 40 : 48;

    private static void AssertWellFormed(ReadOnlySpan<byte> datagram)
    {
        if (datagram[0] >> 4 == 4)
        {
            var headerLength = (datagram[0] & 0x0F) * 4;
            Assert.Equal(datagram.Length, BinaryPrimitives.ReadUInt16BigEndian(datagram[2..]));
            Assert.Equal(0, BinaryPrimitives.ReadUInt16BigEndian(datagram[6..]) & 0x3FFF);
            Assert.Equal(0, FrameBuilder.Checksum(0, datagram[..headerLength]));
        }
        else
        {
            Assert.Equal(6, datagram[0] >> 4);
            Assert.Equal(datagram.Length - 40, BinaryPrimitives.ReadUInt16BigEndian(datagram[4..]));
        }
        var packet = default(Packet);
        PacketDecoder.Decode(LinkType.Raw, datagram, ref packet);
        Assert.Equal(datagram.Length, packet.Network.Length);
    }

    private static byte[][][] Templates()
    {
        var udp4 = FrameBuilder.Udp(V4Source, V4Destination, 1234, 53, Pattern(200));
        var tcp4 = FrameBuilder.Tcp(V4Source, V4Destination, 40000, 80, TcpFlags.Ack | TcpFlags.Psh, 1, 1, "GET /fragmented HTTP/1.1\r\nHost: x\r\n\r\n"u8);
        var udp6 = FrameBuilder.Udp(V6Source, V6Destination, 1234, 53, Pattern(180));
        var icmp6 = FrameBuilder.Icmp(V6Source, V6Destination, 128, 0, Pattern(150));
        return
        [
            [.. SplitV4(10, udp4, 64, 17)],
            [.. SplitV4(11, tcp4, 24, 6)],
            [.. SplitV6(12, udp6, 96, 17, OptionsHeader(FragmentHeader), HopByHop)],
            [.. SplitV6(13, icmp6, 48, 58)],
            [V4(14, 0, true, 'A', 24), V4(14, 32, true, 'B', 16), V4(14, 48, true, 'C', 24), V4(14, 80, true, 'D', 8), V4(14, 104, true, 'E', 16), V4(14, 120, true, 'F', 24),
             V4(14, 8, true, 'J', 32), V4(14, 48, true, 'K', 24), V4(14, 72, true, 'L', 24), V4(14, 96, true, 'M', 24), V4(14, 144, false, 'Q', 16)],
        ];
    }
}
