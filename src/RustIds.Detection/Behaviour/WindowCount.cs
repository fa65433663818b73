namespace RustIds.Detection.Behaviour;

/// <summary>How many events fell in the current tumbling window on packet time (see <see cref="TimeWindow"/>).</summary>
internal struct WindowCount
{
    private long _start;
    private int _count;

    /// <summary>Counts one event at <paramref name="nowTicks"/>, starting a new window first when the current one is over; returns the count.</summary>
    public int Add(long nowTicks, long lengthTicks)
    {
        if (TimeWindow.Restart(ref _start, nowTicks, lengthTicks))
            _count = 0;
        return ++_count;
    }
}
