using System.Reflection;
using System.Runtime.InteropServices;

namespace RustIds.Packets.Interop;

/// <summary>Source-generated bindings to libpcap (Debian package <c>libpcap0.8</c>, ABI <c>libpcap.so.0.8</c>).</summary>
/// <remarks>
/// Only this class and <see cref="PcapHandle"/> see native pointers. Strings go in as UTF-8; strings
/// coming back (<c>pcap_geterr</c>, <c>pcap_statustostr</c>) are owned by libpcap, so they are
/// returned as <c>byte*</c> and copied, never freed by a marshaller.
/// </remarks>
internal static unsafe partial class LibPcap
{
    internal const string LibraryName = "libpcap";

    /// <summary>PCAP_ERRBUF_SIZE from pcap.h.</summary>
    internal const int ErrorBufferSize = 256;

    internal const int TimestampPrecisionMicro = 0;
    internal const int TimestampPrecisionNano = 1;
    internal const uint NetmaskUnknown = 0xffffffff;

    internal const int Error = -1;
    internal const int ErrorBreak = -2;
    internal const int ErrorNoSuchDevice = -5;
    internal const int ErrorPermissionDenied = -8;
    internal const int ErrorInterfaceNotUp = -9;

    /// <summary>Sonames tried in order: the upstream one, Debian's, then the development symlink.</summary>
    internal static readonly string[] CandidateNames = ["libpcap.so.1", "libpcap.so.0.8", "libpcap.so"];

    private static readonly Lock LoadLock = new();
    private static nint _library;

    static LibPcap() => NativeLibrary.SetDllImportResolver(typeof(LibPcap).Assembly, Resolve);

    /// <summary>Loads libpcap or throws a <see cref="PcapException"/> naming the package to install.</summary>
    internal static void EnsureLoaded()
    {
        if (TryLoad() == 0)
            throw PcapException.LibraryMissing(CandidateNames);
    }

    private static nint Resolve(string libraryName, Assembly assembly, DllImportSearchPath? searchPath) =>
        libraryName == LibraryName ? TryLoad() : 0;

    private static nint TryLoad()
    {
        lock (LoadLock)
        {
            if (_library != 0)
                return _library;
            foreach (var name in CandidateNames)
            {
                if (NativeLibrary.TryLoad(name, out var handle))
                {
                    _library = handle;
                    return handle;
                }
            }
            return 0;
        }
    }

    /// <summary>Copies a NUL-terminated string owned by libpcap.</summary>
    internal static string FromNative(byte* text) => text == null ? string.Empty : Marshal.PtrToStringUTF8((nint)text) ?? string.Empty;

    [LibraryImport(LibraryName, EntryPoint = "pcap_open_offline_with_tstamp_precision", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial PcapHandle OpenOfflineWithTimestampPrecision(string path, uint precision, byte* errorBuffer);

    /// <summary>Reads an open <c>FILE*</c>; on success <c>pcap_close</c> closes it, on failure it stays the caller's.</summary>
    [LibraryImport(LibraryName, EntryPoint = "pcap_fopen_offline_with_tstamp_precision")]
    internal static partial PcapHandle FileOpenOfflineWithTimestampPrecision(nint file, uint precision, byte* errorBuffer);

    [LibraryImport(LibraryName, EntryPoint = "pcap_create", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial PcapHandle Create(string source, byte* errorBuffer);

    [LibraryImport(LibraryName, EntryPoint = "pcap_set_snaplen")]
    internal static partial int SetSnapLength(PcapHandle handle, int snapLength);

    [LibraryImport(LibraryName, EntryPoint = "pcap_set_promisc")]
    internal static partial int SetPromiscuous(PcapHandle handle, int promiscuous);

    [LibraryImport(LibraryName, EntryPoint = "pcap_set_timeout")]
    internal static partial int SetTimeout(PcapHandle handle, int milliseconds);

    [LibraryImport(LibraryName, EntryPoint = "pcap_set_immediate_mode")]
    internal static partial int SetImmediateMode(PcapHandle handle, int immediate);

    [LibraryImport(LibraryName, EntryPoint = "pcap_set_buffer_size")]
    internal static partial int SetBufferSize(PcapHandle handle, int bytes);

    [LibraryImport(LibraryName, EntryPoint = "pcap_set_tstamp_precision")]
    internal static partial int SetTimestampPrecision(PcapHandle handle, int precision);

    [LibraryImport(LibraryName, EntryPoint = "pcap_get_tstamp_precision")]
    internal static partial int GetTimestampPrecision(PcapHandle handle);

    [LibraryImport(LibraryName, EntryPoint = "pcap_setnonblock")]
    internal static partial int SetNonBlocking(PcapHandle handle, int nonBlocking, byte* errorBuffer);

    [LibraryImport(LibraryName, EntryPoint = "pcap_get_selectable_fd")]
    internal static partial int GetSelectableDescriptor(PcapHandle handle);

    [LibraryImport(LibraryName, EntryPoint = "pcap_activate")]
    internal static partial int Activate(PcapHandle handle);

    [LibraryImport(LibraryName, EntryPoint = "pcap_compile", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int Compile(PcapHandle handle, BpfProgram* program, string filter, int optimize, uint netmask);

    [LibraryImport(LibraryName, EntryPoint = "pcap_setfilter")]
    internal static partial int SetFilter(PcapHandle handle, BpfProgram* program);

    [LibraryImport(LibraryName, EntryPoint = "pcap_freecode")]
    internal static partial void FreeCode(BpfProgram* program);

    [LibraryImport(LibraryName, EntryPoint = "pcap_next_ex")]
    internal static partial int NextEx(PcapHandle handle, PcapPacketHeader** header, byte** data);

    /// <summary>The same on a raw <c>pcap_t*</c> whose <see cref="PcapHandle"/> the caller keeps referenced, saving the handle's reference count per frame.</summary>
    [LibraryImport(LibraryName, EntryPoint = "pcap_next_ex")]
    internal static partial int NextEx(nint handle, PcapPacketHeader** header, byte** data);

    [LibraryImport(LibraryName, EntryPoint = "pcap_breakloop")]
    internal static partial void BreakLoop(PcapHandle handle);

    /// <summary>Only <see cref="PcapHandle.ReleaseHandle"/> calls this, with the raw pointer it owns.</summary>
    [LibraryImport(LibraryName, EntryPoint = "pcap_close")]
    internal static partial void Close(nint handle);

    [LibraryImport(LibraryName, EntryPoint = "pcap_geterr")]
    internal static partial byte* GetError(PcapHandle handle);

    [LibraryImport(LibraryName, EntryPoint = "pcap_datalink")]
    internal static partial int DataLink(PcapHandle handle);

    [LibraryImport(LibraryName, EntryPoint = "pcap_stats")]
    internal static partial int Stats(PcapHandle handle, PcapStat* stats);

    [LibraryImport(LibraryName, EntryPoint = "pcap_statustostr")]
    internal static partial byte* StatusToString(int status);
}
