using System.Buffers.Binary;
using System.Globalization;
using RustIds.Packets.Processing;

namespace RustIds.Packets.Tests.Processing;

/// <summary>
/// A seeded flood of mutated frames of every kind (from the generated conformance capture) through the whole
/// packet path — decode, defragmentation, flows, reassembly, every parser — in one long-lived processor:
/// nothing may throw or hang, and errors must be counted. RUSTIDS_MUTATION_FRAMES sets the count for longer
/// manual runs (default 1,000,000).
/// </summary>
public sealed class PacketPathMutationTests
{
    [SkippableFact]
    public void Process_MillionMutatedFrames_NoExceptionAndErrorsCounted()
    {
        Skip.IfNot(GeneratedCapture.CanGenerate, "Debian's python3 is needed to generate the seed capture");
        var total = int.TryParse(Environment.GetEnvironmentVariable("RUSTIDS_MUTATION_FRAMES"), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 1_000_000;
        using var temp = new TempDirectory();
        var seeds = ReadFrames(GeneratedCapture.Create(temp.Path, "conformance", 5000, seed: 3));
        var processor = new PacketProcessor(LinkType.Ethernet, new PacketProcessorOptions
        {
            // Small tables so eviction, memcaps and timeouts are exercised too.
            Flows = new FlowTrackerOptions { MaxFlows = 256 },
            Defrag = new RustIds.Packets.Defragmentation.DefragOptions { MaxDatagrams = 64 },
            Reassembly = new RustIds.Packets.Streams.ReassemblyOptions { MemcapBytes = 4 * 1024 * 1024 },
        });
        var random = new Random(20261204);
        var buffer = new byte[70_000];
        var handler = new CountingHandler();
        var ticks = new DateTimeOffset(2026, 12, 4, 0, 0, 0, TimeSpan.Zero).UtcTicks;

        for (var i = 0; i < total; i++)
        {
            var seed = seeds[random.Next(seeds.Count)];
            var length = Mutate(seed, buffer, random);
            ticks += random.Next(0, 2000) * TimeSpan.TicksPerMillisecond / 100;
            var frame = new RawFrame(buffer.AsSpan(0, length), ticks, length);
            processor.Process(in frame, ref handler);
        }
        processor.Flush();

        var snapshot = new CounterSnapshot();
        processor.AddTo(snapshot);
        Assert.Equal(total, snapshot.Get("decode", "packets"));
        Assert.True(handler.Packets > total / 10, $"only {handler.Packets} packets reached detection");
        Assert.True(snapshot.Get("decode", "truncated") > 0 && snapshot.Get("decode", "malformed") > 0, "decode errors not counted");
        Assert.True(snapshot.Get("defrag", "dropped") > 0, "defragmentation errors not counted");
        Assert.True(snapshot.Get("flows", "evicted") > 0, "the flow table never filled");
        Assert.True(snapshot.Get("http", "errors") + snapshot.Get("dns", "errors") + snapshot.Get("tls", "errors") > 0, "parser errors not counted");
        Assert.True(snapshot.Get("reassembly", "gaps") + snapshot.Get("reassembly", "overlaps_different_data") > 0, "stream anomalies not counted");
    }

    /// <summary>One of: truncation, bit flips, a length or offset field pushed out of range, random bytes over the payload, or the frame intact.</summary>
    private static int Mutate(byte[] seed, byte[] buffer, Random random)
    {
        seed.CopyTo(buffer, 0);
        var length = seed.Length;
        switch (random.Next(6))
        {
            case 0:
                return random.Next(length + 1);
            case 1:
                for (var flips = random.Next(1, 6); flips > 0; flips--)
                    buffer[random.Next(length)] ^= (byte)(1 << random.Next(8));
                return length;
            case 2:
                // A 16-bit field somewhere in the first 64 bytes (IP total length, UDP length, DNS counts, ...).
                var at = random.Next(Math.Max(1, Math.Min(length, 64) - 1));
                if (at + 2 <= length)
                    BinaryPrimitives.WriteUInt16BigEndian(buffer.AsSpan(at), random.Next(3) switch { 0 => (ushort)0, 1 => (ushort)0xFFFF, _ => (ushort)random.Next(65536) });
                return length;
            case 3:
                var start = random.Next(length);
                random.NextBytes(buffer.AsSpan(start, Math.Min(length - start, random.Next(1, 64))));
                return length;
            case 4:
                // Header-length nibbles (IPv4 IHL, TCP data offset) set to nonsense.
                if (length > 14 + 20 + 13)
                {
                    buffer[14] = (byte)((buffer[14] & 0xF0) | random.Next(16));
                    buffer[14 + 20 + 12] = (byte)(random.Next(16) << 4);
                }
                return length;
            default:
                return length;
        }
    }

    private static List<byte[]> ReadFrames(string path)
    {
        var frames = new List<byte[]>();
        using var source = PcapFileSource.Open(path);
        while (source.ReadNext(out var frame) == PacketReadResult.Packet)
            frames.Add(frame.Data.ToArray());
        return frames;
    }
}
