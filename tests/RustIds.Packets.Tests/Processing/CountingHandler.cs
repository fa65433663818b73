using RustIds.Packets.Processing;

namespace RustIds.Packets.Tests.Processing;

/// <summary>The detection stage stood in for by a counter: how many packets the processor handed on.</summary>
internal struct CountingHandler : IPacketHandler
{
    public long Packets;

    /// <summary>Packets whose frame is raw IP, not the capture's link layer: the datagrams rebuilt from fragments.</summary>
    public long RawIpPackets;

    public void OnPacket(ref Packet packet)
    {
        Packets++;
        if (packet.LinkType == LinkType.Raw)
            RawIpPackets++;
    }
}
