namespace RustIds.Packets;

/// <summary>Kernel counters of a live capture, from <c>pcap_stats</c>.</summary>
/// <param name="Received">Packets the filter passed since the capture started.</param>
/// <param name="Dropped">Packets dropped because the capture buffer was full (rustids read too slowly).</param>
/// <param name="InterfaceDropped">Packets the interface or driver dropped.</param>
public readonly record struct CaptureStatistics(long Received, long Dropped, long InterfaceDropped);
