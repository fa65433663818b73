using RustIds.Packets.AppLayer;
using RustIds.Packets.Processing;

namespace RustIds.Packets.Tests.Processing;

/// <summary>The whole packet path (decode, defragmentation, flows, reassembly, every parser) allocates nothing per packet once warm.</summary>
[Collection(global::RustIds.Packets.Tests.AllocationCollection.Name)]
public sealed class PacketPathAllocationTests
{
    [SkippableFact]
    public void Process_MixedTrafficAfterWarmUp_AllocatesNothing()
    {
        Skip.IfNot(GeneratedCapture.CanGenerate, "Debian's python3 is needed to generate the capture");
        using var temp = new TempDirectory();
        using var source = new MemoryPacketSource();
        using (var file = PcapFileSource.Open(GeneratedCapture.Create(temp.Path, "conformance", 5000)))
        {
            while (file.ReadNext(out var frame) == PacketReadResult.Packet)
                source.Add(frame.Data.ToArray(), frame.TimestampTicks);
        }
        var processor = new PacketProcessor(source.LinkType);
        var handler = new CountingHandler();
        for (var pass = 0; pass < 8; pass++)
        {
            // Warm-up: the JIT, a session per flow slot, pooled parsers whose buffers grow to what the traffic
            // needs (each parser meets its largest message within a few rounds; 21 KB still grew in pass 4).
            Replay(processor, source, ref handler);
            source.Rewind();
        }
        handler.Packets = 0;

        var allocated = Allocations.Measure(() =>
        {
            source.Rewind();
            handler.Packets = 0;
            Replay(processor, source, ref handler);
        });

        Assert.Equal(0, allocated);
        Assert.True(handler.Packets >= source.Count, $"{handler.Packets} packets for {source.Count} frames");
        Assert.True(processor.AppLayer.Transactions(AppProtocol.Http) > 100, "HTTP was not parsed");
        Assert.True(processor.AppLayer.Transactions(AppProtocol.Tls) > 50, "TLS was not parsed");
        Assert.True(processor.AppLayer.Transactions(AppProtocol.Dns) > 100, "DNS was not parsed");
    }

    private static void Replay(PacketProcessor processor, MemoryPacketSource source, ref CountingHandler handler)
    {
        while (source.ReadNext(out var frame) == PacketReadResult.Packet)
            processor.Process(in frame, ref handler);
        processor.Flush();
    }
}
