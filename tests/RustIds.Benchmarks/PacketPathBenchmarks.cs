using BenchmarkDotNet.Attributes;
using RustIds.Packets;
using RustIds.Packets.Processing;
using RustIds.Testing;

namespace RustIds.Benchmarks;

/// <summary>
/// The whole packet path in steady state (decode, defragmentation, flows, reassembly, app-layer parsing; no
/// rules) over 100 000 frames of the generated mixed capture held in memory; ns/packet = mean / 100 000.
/// </summary>
/// <remarks>
/// What <c>rustids replay</c> costs per packet once the JIT is done, without file reading and process start-up;
/// <c>scripts/bench.sh --replay</c> measures the whole command against tcpdump.
/// </remarks>
[MemoryDiagnoser]
public class PacketPathBenchmarks
{
    public const int Frames = 100_000;
    private MemoryPacketSource _source = null!;
    private PacketProcessor _full = null!;
    private PacketProcessor _noAppLayer = null!;
    private TempDirectory _temp = null!;

    [GlobalSetup]
    public void Setup()
    {
        _temp = new TempDirectory();
        _source = BenchmarkData.BenchMix(_temp.Path, Frames);
        _full = new PacketProcessor(LinkType.Ethernet);
        _noAppLayer = new PacketProcessor(LinkType.Ethernet, new PacketProcessorOptions { AppLayer = false });
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _source.Dispose();
        _temp.Dispose();
    }

    [Benchmark(Baseline = true, Description = "100 000 frames: decode, defrag, flows")]
    public long DecodeAndFlows() => Run(_noAppLayer);

    [Benchmark(Description = "100 000 frames: + reassembly and app-layer parsers")]
    public long WholePath() => Run(_full);

    private long Run(PacketProcessor processor)
    {
        _source.Rewind();
        var handler = new CountingHandler();
        while (_source.ReadNext(out var frame) == PacketReadResult.Packet)
            processor.Process(in frame, ref handler);
        processor.Flush();
        return handler.Packets;
    }

    private struct CountingHandler : IPacketHandler
    {
        public long Packets;

        public void OnPacket(ref Packet packet) => Packets++;
    }
}
