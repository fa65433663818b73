using System.Runtime.InteropServices;

namespace RustIds.Packets.Interop;

/// <summary>The libc calls capture needs: <c>poll(2)</c> on libpcap's descriptor, <c>setsockopt(2)</c> to join a fanout group,
/// and stdio to give libpcap a capture file with a large read buffer.</summary>
internal static unsafe partial class LibC
{
    internal const short PollIn = 0x001;

    internal const int SolPacket = 263;
    internal const int PacketFanout = 18;

    /// <summary>PACKET_FANOUT_HASH: the kernel picks the socket by the packet's symmetric flow hash (<c>__skb_get_hash_symmetric</c>).</summary>
    internal const int FanoutHash = 0;

    /// <summary>PACKET_FANOUT_FLAG_DEFRAG: IPv4 fragments are reassembled before hashing, so they reach the flow's socket.</summary>
    internal const int FanoutFlagDefrag = 0x8000;

    [LibraryImport("libc", EntryPoint = "setsockopt", SetLastError = true)]
    internal static partial int SetSocketOption(int socket, int level, int name, void* value, uint length);

    [LibraryImport("libc", EntryPoint = "poll", SetLastError = true)]
    internal static partial int Poll(PollDescriptor* descriptors, nuint count, int timeoutMilliseconds);

    /// <summary>setvbuf's full buffering mode.</summary>
    internal const int FullyBuffered = 0;

    [LibraryImport("libc", EntryPoint = "fopen", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    internal static partial nint OpenFile(string path, string mode);

    [LibraryImport("libc", EntryPoint = "setvbuf")]
    internal static partial int SetBuffer(nint file, void* buffer, int mode, nuint size);

    [LibraryImport("libc", EntryPoint = "fclose")]
    internal static partial int CloseFile(nint file);
}
