namespace RustIds.Engine.Pipeline;

/// <summary>
/// A virtual clock that reads the time of the packets being replayed, so a replay decides, blocks and
/// expires exactly as the live run did, however fast it runs.
/// </summary>
/// <remarks>Monotonic: a packet older than the current time (reordered capture) does not move it back. Thread-safe.</remarks>
public sealed class PacketClock : TimeProvider
{
    private long _utcTicks;

    public PacketClock(DateTimeOffset start) => _utcTicks = start.UtcTicks;

    /// <summary>Moves the clock to <paramref name="time"/> if that is later than now.</summary>
    public void AdvanceTo(DateTimeOffset time)
    {
        var ticks = time.UtcTicks;
        long current;
        do
        {
            current = Volatile.Read(ref _utcTicks);
            if (ticks <= current)
                return;
        }
        while (Interlocked.CompareExchange(ref _utcTicks, ticks, current) != current);
    }

    public override DateTimeOffset GetUtcNow() => new(Volatile.Read(ref _utcTicks), TimeSpan.Zero);
}
