using System.Runtime.InteropServices;

namespace RustIds.Packets.Interop;

/// <summary><c>struct pcap_stat</c> on Linux (no Windows-only <c>ps_capt</c>).</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct PcapStat
{
    public uint Received;
    public uint Dropped;
    public uint InterfaceDropped;
}
