using System.Runtime.CompilerServices;

namespace RustIds.Packets.Memory;

/// <summary>Zeroed native memory for one worker's tables (flow table, detector tables), carved in order from a few <see cref="MappedRegion"/>s.</summary>
/// <remarks>
/// One arena, not one mapping per table: a table is rarely a whole number of 2 MiB pages, and in mappings of their
/// own every table would round up to one (a 1.5 MiB table in a 2 MiB page). The first region is reserved at
/// <see cref="RegionBytes"/> (address space only: pages no table uses are never touched); more are mapped when a
/// configuration's tables need more. Lives as long as the tables that point into it (each holds a reference); the
/// regions are unmapped by their finalizers. Not thread-safe: built on one thread before the first packet.
/// </remarks>
public sealed unsafe class TableMemory
{
    /// <summary>What the first region reserves by default: the detectors' default tables (about 21 MiB) fit.</summary>
    public const long RegionBytes = 32L << 20;

    /// <summary>Every block starts on a cache line.</summary>
    public const int LineBytes = 64;

    private readonly List<MappedRegion> _regions = [];
    private readonly long _regionBytes;
    private readonly bool _hugePages;
    private nint _next;
    private long _left;

    /// <param name="regionBytes">Bytes each new region reserves at least.</param>
    /// <param name="hugePages">Back the regions with transparent huge pages: for tables touched all over (see <see cref="MappedRegion.Create"/>).</param>
    public TableMemory(long regionBytes = RegionBytes, bool hugePages = true)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(regionBytes, 1);
        _regionBytes = regionBytes;
        _hugePages = hugePages;
    }

    /// <summary>Bytes handed out so far.</summary>
    public long Bytes { get; private set; }

    /// <summary><paramref name="count"/> zeroed values of <typeparamref name="T"/>, starting on a cache line.</summary>
    public T* Allocate<T>(long count)
        where T : unmanaged
        => (T*)Allocate(count * Unsafe.SizeOf<T>());

    /// <summary><paramref name="count"/> zeroed values of <typeparamref name="T"/>, starting on a huge page (<see cref="MappedRegion.HugePage"/>; on Linux, where regions are mapped on one).</summary>
    /// <remarks>
    /// For an array touched all over that is a whole number of huge pages (or close to one): carved at the next line, a
    /// 2 MiB array would straddle two pages and cost two 2 MiB clears on first touch, and the second page's other
    /// tables would share them. The gap before it is address space only, never touched.
    /// </remarks>
    public T* AllocatePageAligned<T>(long count)
        where T : unmanaged
    {
        var gap = (long)(((ulong)_next + (ulong)MappedRegion.HugePage - 1) & ~((ulong)MappedRegion.HugePage - 1)) - _next;
        if (_left > gap)
        {
            _next += (nint)gap;
            _left -= gap;
        }
        else
        {
            _left = 0;
        }
        return Allocate<T>(count);
    }

    /// <summary><paramref name="bytes"/> zeroed bytes, starting on a cache line.</summary>
    public void* Allocate(long bytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bytes, 1);
        var rounded = (bytes + LineBytes - 1) & ~(long)(LineBytes - 1);
        if (rounded > _left)
        {
            var region = MappedRegion.Create(Math.Max(rounded, _regionBytes), _hugePages);
            _regions.Add(region);
            _next = region.Start;
            _left = region.Bytes;
        }
        var block = _next;
        _next += (nint)rounded;
        _left -= rounded;
        Bytes += rounded;
        return (void*)block;
    }
}
