using System.Runtime.InteropServices;

namespace RustIds.Packets.Interop;

/// <summary>The <c>pcap_next_ex</c> loop body shared by file and live sources.</summary>
internal static unsafe class PcapFrameReader
{
    private const long TicksPerSecond = TimeSpan.TicksPerSecond;

    /// <summary>Reads one frame as a span over libpcap's buffer; the status is pcap_next_ex's return value.</summary>
    /// <remarks><paramref name="nanosecond"/> says the handle delivers nanoseconds in the timeval's second half.</remarks>
    public static int Next(PcapHandle handle, bool nanosecond, out RawFrame frame)
    {
        PcapPacketHeader* header;
        byte* data;
        var status = LibPcap.NextEx(handle, &header, &data);
        return Frame(status, header, data, nanosecond, out frame);
    }

    /// <summary>The same on a raw <c>pcap_t*</c> the caller keeps alive (<see cref="SafeHandle.DangerousAddRef"/>).</summary>
    public static int Next(nint handle, bool nanosecond, out RawFrame frame)
    {
        PcapPacketHeader* header;
        byte* data;
        var status = LibPcap.NextEx(handle, &header, &data);
        return Frame(status, header, data, nanosecond, out frame);
    }

    private static int Frame(int status, PcapPacketHeader* header, byte* data, bool nanosecond, out RawFrame frame)
    {
        if (status != 1)
        {
            frame = default;
            return status;
        }
        var fractionTicks = nanosecond ? header->Fraction / 100 : header->Fraction * 10;
        var ticks = DateTime.UnixEpoch.Ticks + (header->Seconds * TicksPerSecond) + fractionTicks;
        // caplen never exceeds the snap length (≤ 262144 in libpcap), so the int cast is safe.
        frame = new RawFrame(new ReadOnlySpan<byte>(data, (int)header->CaptureLength), ticks, (int)Math.Min(header->Length, int.MaxValue));
        return 1;
    }

    /// <summary>libpcap's last error text for the handle.</summary>
    public static string ErrorText(PcapHandle handle) => LibPcap.FromNative(LibPcap.GetError(handle));

    public static string StatusText(int status) => LibPcap.FromNative(LibPcap.StatusToString(status));
}
