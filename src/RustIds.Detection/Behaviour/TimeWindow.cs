using System.Runtime.CompilerServices;

namespace RustIds.Detection.Behaviour;

/// <summary>Tumbling windows on packet time, kept as one start tick in each detector's state.</summary>
/// <remarks>
/// Tumbling, not sliding, to stay at one field and no history: a burst that straddles two windows is
/// seen in halves, which is why the default thresholds sit well below what real attacks produce.
/// </remarks>
internal static class TimeWindow
{
    /// <summary>Starts a new window at <paramref name="nowTicks"/> when there is none or the current one is over; returns true when it did (clear the counts).</summary>
    /// <remarks>An event older than the window's start (flow ends are reported late) counts in the current window.</remarks>
    // Inlined: every filter count and window check asks, and the call cost more than the test.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Restart(ref long startTicks, long nowTicks, long lengthTicks)
    {
        if (startTicks != 0 && nowTicks - startTicks < lengthTicks)
            return false;
        startTicks = nowTicks;
        return true;
    }

    /// <summary>True (and the quiet time re-armed) when the cooldown of an earlier alert is over.</summary>
    public static bool TryArm(ref long quietUntilTicks, long nowTicks, long cooldownTicks)
    {
        if (nowTicks < quietUntilTicks)
            return false;
        quietUntilTicks = nowTicks + cooldownTicks;
        return true;
    }
}
