using System.Runtime.InteropServices;

namespace RustIds.Packets.Interop;

/// <summary>The libc calls capture needs: <c>poll(2)</c> on libpcap's descriptor, <c>setsockopt(2)</c> to join a fanout group,
/// and stdio to give libpcap a capture file with a large read buffer; and those table memory needs: an anonymous mapping,
/// given back whole, with transparent huge pages asked for.</summary>
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

    internal const int ProtRead = 0x1;
    internal const int ProtWrite = 0x2;
    internal const int MapPrivate = 0x02;
    internal const int MapAnonymous = 0x20;

    /// <summary><c>MAP_NORESERVE</c>: no swap is reserved for pages never touched.</summary>
    internal const int MapNoReserve = 0x4000;

    /// <summary><c>MADV_HUGEPAGE</c>: back the range with 2 MiB pages where the kernel can (THP in "madvise" mode, Debian's default).</summary>
    internal const int AdviseHugePage = 14;

    /// <summary><c>MAP_FAILED</c>.</summary>
    internal static readonly nint MapFailed = -1;

    [LibraryImport("libc", EntryPoint = "mmap", SetLastError = true)]
    internal static partial nint Map(nint address, nuint length, int protection, int flags, int fd, nint offset);

    [LibraryImport("libc", EntryPoint = "munmap", SetLastError = true)]
    internal static partial int Unmap(nint address, nuint length);

    [LibraryImport("libc", EntryPoint = "madvise", SetLastError = true)]
    internal static partial int Advise(nint address, nuint length, int advice);
}
