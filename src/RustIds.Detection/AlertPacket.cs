using RustIds.Packets;

namespace RustIds.Detection;

/// <summary>The frame an alert fired on, as captured (EVE <c>packet</c> and <c>packet_info.linktype</c>), so an analyst can rebuild a pcap.</summary>
public sealed record AlertPacket(LinkType LinkType, ReadOnlyMemory<byte> Frame);
