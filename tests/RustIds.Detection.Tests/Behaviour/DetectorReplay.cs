using RustIds.Detection.Behaviour;
using RustIds.Packets;
using RustIds.Packets.Processing;

namespace RustIds.Detection.Tests.Behaviour;

/// <summary>Takes frames through the real packet path (decode, flows, reassembly, app layer) into a <see cref="DetectorSet"/>, as a capture worker does.</summary>
internal sealed class DetectorReplay
{
    private readonly PacketProcessor _processor;

    public DetectorReplay(LinkType linkType, DetectorOptions? options = null)
    {
        Detectors = new DetectorSet(options ?? new DetectorOptions(), Sink);
        _processor = new PacketProcessor(linkType, new PacketProcessorOptions(), Detectors, Detectors);
        Detectors.Attach(_processor.Flows);
    }

    public CollectingSink Sink { get; } = new();

    public DetectorSet Detectors { get; }

    public PacketProcessor Processor => _processor;

    /// <summary>Replays a pcap file with default detector options and returns what was raised.</summary>
    public static DetectorReplay OfFile(string path, DetectorOptions? options = null)
    {
        using var source = PcapFileSource.Open(path);
        var replay = new DetectorReplay(source.LinkType, options);
        replay.Run(source);
        replay.Finish();
        return replay;
    }

    /// <summary>Every frame of <paramref name="source"/>, without ending the flows.</summary>
    public int Run(IPacketSource source)
    {
        var handler = new Handler(Detectors);
        var frames = 0;
        while (source.ReadNext(out var frame) == PacketReadResult.Packet)
        {
            _processor.Process(in frame, ref handler);
            frames++;
        }
        return frames;
    }

    /// <summary>Ends every flow, as the end of a capture does.</summary>
    public void Finish() => _processor.Flush();

    public IEnumerable<long> Sids => Sink.Alerts.Select(a => a.Sid);

    private struct Handler(DetectorSet detectors) : IPacketHandler
    {
        public readonly void OnPacket(ref Packet packet) => detectors.OnPacket(ref packet);
    }
}
