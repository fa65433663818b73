using System.Runtime.InteropServices;

namespace RustIds.Detection.Interop;

/// <summary>The libc calls the detectors' table memory needs: an anonymous mapping, given back whole, with transparent huge pages asked for.</summary>
internal static unsafe partial class LibC
{
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
