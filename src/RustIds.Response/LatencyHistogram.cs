using System.Diagnostics;

namespace RustIds.Response;

/// <summary>
/// Durations in fixed buckets, as a Prometheus histogram exposes them: cumulative counts per upper bound,
/// the count and the sum. Lock-free; safe to observe and read from any thread.
/// </summary>
public sealed class LatencyHistogram
{
    /// <summary>Upper bounds in seconds: from one millisecond (an nft batch on an idle host) to ten seconds (a stuck one).</summary>
    public static readonly double[] DefaultBounds = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    private readonly double[] _bounds;
    private readonly long[] _counts;
    private long _count;
    private long _sumTicks;

    public LatencyHistogram(double[]? bounds = null)
    {
        _bounds = bounds ?? DefaultBounds;
        _counts = new long[_bounds.Length];
    }

    /// <summary>The upper bounds in seconds, ascending; +Inf is implied.</summary>
    public IReadOnlyList<double> Bounds => _bounds;

    /// <summary>Observations so far (the +Inf bucket).</summary>
    public long Count => Interlocked.Read(ref _count);

    /// <summary>Sum of every observation, in seconds.</summary>
    public double SumSeconds => (double)Interlocked.Read(ref _sumTicks) / Stopwatch.Frequency;

    /// <summary>Observations at or below <see cref="Bounds"/>[<paramref name="index"/>] (not cumulative).</summary>
    public long BucketCount(int index) => Interlocked.Read(ref _counts[index]);

    /// <summary>Records the time since <paramref name="startTimestamp"/> (<see cref="Stopwatch.GetTimestamp"/>).</summary>
    public void ObserveSince(long startTimestamp)
    {
        var ticks = Stopwatch.GetTimestamp() - startTimestamp;
        var seconds = (double)ticks / Stopwatch.Frequency;
        var bucket = Array.BinarySearch(_bounds, seconds);
        if (bucket < 0)
            bucket = ~bucket;
        if (bucket < _counts.Length)
            Interlocked.Increment(ref _counts[bucket]);
        Interlocked.Add(ref _sumTicks, ticks);
        Interlocked.Increment(ref _count);
    }
}
