using RustIds.Packets;

namespace RustIds.Engine.Tests;

/// <summary>A live-like source: the frames of an optional capture first, then no traffic, every read timing out until the run is cancelled.</summary>
internal sealed class IdleSource(IPacketSource? first) : IPacketSource
{
    private IPacketSource? _first = first;

    public IdleSource(string? pcap = null)
        : this(pcap is null ? null : PcapFileSource.Open(pcap))
    {
    }

    public LinkType LinkType => _first?.LinkType ?? LinkType.Ethernet;

    public string? LastError => null;

    public PacketReadResult ReadNext(out RawFrame frame)
    {
        if (_first is not null)
        {
            if (_first.ReadNext(out frame) == PacketReadResult.Packet)
                return PacketReadResult.Packet;
            _first.Dispose();
            _first = null;
        }
        frame = default;
        Thread.Sleep(10); // stands in for pcap's read timeout
        return PacketReadResult.Timeout;
    }

    public void Dispose() => _first?.Dispose();
}
