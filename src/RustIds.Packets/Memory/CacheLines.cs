using System.Runtime.Intrinsics.X86;

namespace RustIds.Packets.Memory;

/// <summary>Software prefetch: start loading memory that is about to be used, so the miss overlaps other work.</summary>
/// <remarks>
/// Worth it only where the address is known well before the load: a queue of work items whose table lines are
/// fetched when an item joins and read when it leaves. A prefetch never faults (an unmapped or untouched page is
/// skipped), so it is safe on any address. On processors without an x86 prefetch it does nothing.
/// </remarks>
public static unsafe class CacheLines
{
    /// <summary>
    /// Starts loading the cache line holding <paramref name="address"/> for one use, with the non-temporal hint (x86
    /// PREFETCHNTA: the line should displace little of the larger caches). For table entries most of which are touched once.
    /// </summary>
    public static void PrefetchOnce(void* address)
    {
        if (Sse.IsSupported)
            Sse.PrefetchNonTemporal(address);
    }

    /// <summary>
    /// Starts loading the cache line holding <paramref name="address"/> into every cache level (x86 PREFETCHT0), for
    /// lines used again soon by other keys: small hot arrays such as counters.
    /// </summary>
    public static void Prefetch(void* address)
    {
        if (Sse.IsSupported)
            Sse.Prefetch0(address);
    }

    /// <summary>Starts loading every cache line of the <paramref name="bytes"/> from <paramref name="address"/>.</summary>
    public static void Prefetch(void* address, nint bytes)
    {
        if (!Sse.IsSupported)
            return;
        var start = (nint)address & ~(nint)(TableMemory.LineBytes - 1);
        var end = (nint)address + bytes;
        for (var line = start; line < end; line += TableMemory.LineBytes)
            Sse.Prefetch0((void*)line);
    }
}
