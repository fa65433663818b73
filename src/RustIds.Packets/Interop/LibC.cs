using System.Runtime.InteropServices;

namespace RustIds.Packets.Interop;

/// <summary>The one libc call the capture loop needs: <c>poll(2)</c> on libpcap's selectable descriptor.</summary>
internal static unsafe partial class LibC
{
    internal const short PollIn = 0x001;

    [LibraryImport("libc", EntryPoint = "poll", SetLastError = true)]
    internal static partial int Poll(PollDescriptor* descriptors, nuint count, int timeoutMilliseconds);
}
