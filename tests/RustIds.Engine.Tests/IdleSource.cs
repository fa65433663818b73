using RustIds.Packets;

namespace RustIds.Engine.Tests;

/// <summary>A live-like source with no traffic: every read times out until the run is cancelled.</summary>
internal sealed class IdleSource : IPacketSource
{
    public LinkType LinkType => LinkType.Ethernet;

    public string? LastError => null;

    public PacketReadResult ReadNext(out RawFrame frame)
    {
        frame = default;
        Thread.Sleep(10); // stands in for pcap's read timeout
        return PacketReadResult.Timeout;
    }

    public void Dispose()
    {
    }
}
