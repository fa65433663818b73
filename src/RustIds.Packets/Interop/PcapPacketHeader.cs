using System.Runtime.InteropServices;

namespace RustIds.Packets.Interop;

/// <summary><c>struct pcap_pkthdr</c> on 64-bit Linux: a 16-byte <c>timeval</c>, then caplen and len.</summary>
/// <remarks>With nanosecond precision the second half of the timeval holds nanoseconds, not microseconds.</remarks>
[StructLayout(LayoutKind.Sequential)]
internal struct PcapPacketHeader
{
    public long Seconds;
    public long Fraction;
    public uint CaptureLength;
    public uint Length;
}
