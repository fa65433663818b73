using RustIds.Packets.Processing;

namespace RustIds.Packets.Tests.Processing;

/// <summary>The detection stage stood in for by a counter: how many packets the processor handed on.</summary>
internal struct CountingHandler : IPacketHandler
{
    public long Packets;

    public void OnPacket(ref Packet packet) => Packets++;
}
