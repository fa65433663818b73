using System.Runtime.InteropServices;
using RustIds.Packets.Interop;

namespace RustIds.Packets.Memory;

/// <summary>One anonymous memory mapping, 2 MiB-aligned, zeroed, faulted in on first touch, with transparent huge pages asked for; unmapped exactly once.</summary>
/// <remarks>
/// Why not managed arrays: the flow table and the detectors' tables are touched at random, so with 4 KiB pages nearly every first touch of
/// a table line is a page fault (10–20 µs on the team's VM, about 3,000 of them per bench replay) and most lookups miss
/// the TLB. Backed by 2 MiB pages (<c>MADV_HUGEPAGE</c>; the mapping is aligned to them), 20 MiB of tables fault
/// in 10 times and fit in 10 TLB entries. Where that is not available (not Linux) the memory comes zeroed from the
/// native heap instead.
/// </remarks>
public sealed unsafe class MappedRegion : SafeHandle
{
    /// <summary>The size of a transparent huge page on x86-64 and arm64 Linux.</summary>
    public const long HugePage = 2L << 20;

    private readonly bool _mapped;

    private MappedRegion(nint start, long bytes, bool mapped)
        : base(0, ownsHandle: true)
    {
        SetHandle(start);
        Bytes = bytes;
        _mapped = mapped;
        GC.AddMemoryPressure(bytes);
    }

    public override bool IsInvalid => handle == 0;

    /// <summary>The usable bytes from <see cref="Start"/>.</summary>
    public long Bytes { get; }

    /// <summary>The first byte, aligned to <see cref="HugePage"/> when mapped.</summary>
    public nint Start => handle;

    /// <summary>Maps at least <paramref name="bytes"/> zeroed bytes (rounded up to whole huge pages; backed by them from one huge page up).</summary>
    /// <param name="bytes">The bytes wanted.</param>
    /// <param name="hugePages">
    /// Ask for transparent huge pages. The kernel zeroes a whole 2 MiB page on its first touch (about 3 ms on the team's VM),
    /// so they pay only for memory that gets touched all over; memory that holds a few scattered entries is cheaper on 4 KiB pages.
    /// </param>
    /// <exception cref="OutOfMemoryException">The kernel refused the mapping.</exception>
    public static MappedRegion Create(long bytes, bool hugePages = true)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bytes, 1);
        // A small table alone (tests) would fault in a whole 2 MiB page on its first touch: huge pages only from one up.
        var huge = hugePages && bytes >= HugePage;
        bytes = (bytes + HugePage - 1) & ~(HugePage - 1);
        if (!OperatingSystem.IsLinux())
        {
            var memory = NativeMemory.AlignedAlloc((nuint)bytes, 64);
            NativeMemory.Clear(memory, (nuint)bytes);
            return new MappedRegion((nint)memory, bytes, mapped: false);
        }
        // One huge page more than needed, then the unaligned head and the tail given back: the rest starts on a 2 MiB boundary.
        var length = bytes + HugePage;
        var raw = LibC.Map(0, (nuint)length, LibC.ProtRead | LibC.ProtWrite, LibC.MapPrivate | LibC.MapAnonymous | LibC.MapNoReserve, -1, 0);
        if (raw == LibC.MapFailed)
            throw new OutOfMemoryException($"mmap of {length} bytes for tables failed (errno {Marshal.GetLastPInvokeError()}).");
        var start = (nint)(((long)raw + HugePage - 1) & ~(HugePage - 1));
        if (start > raw)
            LibC.Unmap(raw, (nuint)(start - raw));
        var end = start + (nint)bytes;
        var rawEnd = raw + (nint)length;
        if (rawEnd > end)
            LibC.Unmap(end, (nuint)(rawEnd - end));
        // Advice only: without THP (or with it off) the tables still work, on 4 KiB pages.
        if (huge)
            LibC.Advise(start, (nuint)bytes, LibC.AdviseHugePage);
        return new MappedRegion(start, bytes, mapped: true);
    }

    protected override bool ReleaseHandle()
    {
        if (_mapped)
            LibC.Unmap(handle, (nuint)Bytes);
        else
            NativeMemory.AlignedFree((void*)handle);
        GC.RemoveMemoryPressure(Bytes);
        return true;
    }
}
