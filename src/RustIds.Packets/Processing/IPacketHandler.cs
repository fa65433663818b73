namespace RustIds.Packets.Processing;

/// <summary>Receives every packet the <see cref="PacketProcessor"/> finished with: decoded, flow-tracked and app-layer parsed.</summary>
/// <remarks>
/// Implemented by the detection stage (rules, detectors). Called on the capture worker thread; the packet's
/// spans are valid only during the call. A reassembled IP datagram arrives as one more packet after its last fragment.
/// </remarks>
public interface IPacketHandler
{
    void OnPacket(ref Packet packet);
}
