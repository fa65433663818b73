using RustIds.Packets.Processing;

namespace RustIds.Packets.Tests.Processing;

/// <summary>A packet says which link layer its frame has, so an alert's EVE <c>packet</c> can be read back as a pcap record.</summary>
public sealed class PacketLinkTypeTests
{
    [SkippableFact]
    public void Process_EthernetCaptureWithFragments_RebuiltDatagramsAreRawIpAndTheRestEthernet()
    {
        Skip.IfNot(GeneratedCapture.CanGenerate, "Debian's python3 is needed to generate the capture");
        using var temp = new TempDirectory();
        using var source = PcapFileSource.Open(GeneratedCapture.Create(temp.Path, "conformance", 3000));
        var processor = new PacketProcessor(source.LinkType);
        var handler = new CountingHandler();

        while (source.ReadNext(out var frame) == PacketReadResult.Packet)
            processor.Process(in frame, ref handler);

        var snapshot = new CounterSnapshot();
        processor.AddTo(snapshot);
        var rebuilt = snapshot.Get("defrag", "ipv4_reassembled") + snapshot.Get("defrag", "ipv6_reassembled");
        Assert.Equal(LinkType.Ethernet, source.LinkType);
        Assert.True(rebuilt > 0, "the capture had no fragmented datagram");
        Assert.Equal(rebuilt, handler.RawIpPackets);
    }
}
