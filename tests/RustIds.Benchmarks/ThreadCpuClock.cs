using System.Runtime.InteropServices;

namespace RustIds.Benchmarks;

/// <summary>CPU time of the calling thread (Linux <c>CLOCK_THREAD_CPUTIME_ID</c>).</summary>
/// <remarks>
/// For A/B runs on a shared 2-core VM: wall time also counts the time another process held the core, CPU time
/// only what this thread ran, so a neighbour's build moves it far less (its cache pollution still shows).
/// </remarks>
internal static partial class ThreadCpuClock
{
    private const int ClockThreadCpuTimeId = 3;

    /// <summary>Milliseconds of CPU the calling thread has used; NaN where the clock is missing.</summary>
    public static double Milliseconds()
    {
        if (!OperatingSystem.IsLinux() || ClockGetTime(ClockThreadCpuTimeId, out var time) != 0)
            return double.NaN;
        return time.Seconds * 1e3 + time.Nanoseconds / 1e6;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    private static partial int ClockGetTime(int clockId, out TimeSpec time);
}
