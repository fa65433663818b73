namespace RustIds.Notify;

/// <summary>The counters a periodic EVE <c>stats</c> event carries (Suricata's names in brackets).</summary>
/// <param name="Uptime">Time since the run started [uptime].</param>
/// <param name="Packets">Packets decoded [decoder.pkts].</param>
/// <param name="Bytes">Bytes of those packets [decoder.bytes].</param>
/// <param name="Invalid">Packets that failed to decode, truncated or malformed [decoder.invalid].</param>
/// <param name="KernelPackets">Packets the kernel handed to libpcap, live capture only [capture.kernel_packets].</param>
/// <param name="KernelDrops">Packets the kernel dropped for lack of buffer, live capture only [capture.kernel_drops].</param>
/// <param name="InterfaceDrops">Packets the interface dropped, live capture only [capture.kernel_ifdrops].</param>
/// <param name="FlowsTotal">Flows created [flow.total].</param>
/// <param name="FlowsActive">Flows in the tables now [flow.active].</param>
/// <param name="Alerts">Alerts handled [detect.alert].</param>
/// <param name="AlertsDropped">Alerts lost to a full alert queue [detect.alert_queue_overflow].</param>
public sealed record EveStats(
    TimeSpan Uptime,
    long Packets,
    long Bytes,
    long Invalid,
    long? KernelPackets,
    long? KernelDrops,
    long? InterfaceDrops,
    long FlowsTotal,
    long FlowsActive,
    long Alerts,
    long AlertsDropped);
