namespace RustIds.Rules.Tests.Thresholds;

/// <summary>Packet-time helpers: a fixed UTC base so tests never read the clock.</summary>
internal static class Tick
{
    /// <summary>2024-05-01T12:00:00Z in ticks.</summary>
    public static readonly long Base = new DateTime(2024, 5, 1, 12, 0, 0, DateTimeKind.Utc).Ticks;

    public static long At(double seconds) => Base + (long)(seconds * TimeSpan.TicksPerSecond);
}
