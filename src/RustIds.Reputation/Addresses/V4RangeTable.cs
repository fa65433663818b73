using System.Runtime.CompilerServices;

namespace RustIds.Reputation.Addresses;

/// <summary>
/// Sorted disjoint IPv4 ranges packed as <c>start &lt;&lt; 32 | end</c>, with a first-level index
/// by the top 16 address bits, answering "which range starts at or below this address" fast.
/// </summary>
/// <remarks>
/// A plain binary search over a million ranges (8 MB) touches ~20 cache lines spread over the
/// array, most of them misses. The index (65 537 ints, 256 KB, stays in L2) narrows the search to
/// the ranges that start in the address's /16, ~16 on a 1M-range set, i.e. one or two adjacent cache
/// lines; packing start and end into one <see cref="ulong"/> puts the end check on the same line.
/// Measured in <c>FeedBenchmarks</c>. The index is only built past <see cref="IndexThreshold"/>
/// ranges: below that the whole table is a few KB and stays in cache, so 256 KB per small list
/// would be waste. Immutable and thread-safe; lookups allocate nothing.
/// </remarks>
internal sealed class V4RangeTable
{
    /// <summary>Ranges from which the /16 index is built.</summary>
    public const int IndexThreshold = 2048;

    private const int BucketBits = 16;

    private readonly ulong[] _ranges;

    // _buckets[b] = index of the first range starting at or above b << 16; _buckets[65536] = count.
    private readonly int[]? _buckets;

    public V4RangeTable(ulong[] packedRanges)
    {
        _ranges = packedRanges;
        if (packedRanges.Length >= IndexThreshold)
            _buckets = BuildBuckets(packedRanges);
    }

    public static V4RangeTable Empty { get; } = new([]);

    public int Count => _ranges.Length;

    /// <summary>True when the /16 index was built.</summary>
    public bool IsIndexed => _buckets is not null;

    /// <summary>Bytes held by the arrays, headers included.</summary>
    public long MemoryBytes => ArrayBytes(_ranges.Length, sizeof(ulong)) + (_buckets is null ? 0 : ArrayBytes(_buckets.Length, sizeof(int)));

    public uint Start(int index) => (uint)(_ranges[index] >> 32);

    public uint End(int index) => (uint)_ranges[index];

    /// <summary>True when some range contains <paramref name="value"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Contains(uint value)
    {
        var i = LastStartAtOrBelow(value);
        return i >= 0 && value <= (uint)_ranges[i];
    }

    /// <summary>Index of the last range whose start is at or below <paramref name="value"/>, or -1.</summary>
    public int LastStartAtOrBelow(uint value)
    {
        var ranges = _ranges;
        int low, count;
        if (_buckets is { } buckets)
        {
            var bucket = (int)(value >> BucketBits);
            low = buckets[bucket];
            count = buckets[bucket + 1] - low;
        }
        else
        {
            low = 0;
            count = ranges.Length;
        }
        // Every range before `low` starts below this /16, so it is the answer if none in the window qualifies.
        var key = ((ulong)value << 32) | uint.MaxValue;
        while (count > 1)
        {
            var half = count >> 1;
            // Written for a conditional move: the branch would be mispredicted half the time.
            low = ranges[low + half] <= key ? low + half : low;
            count -= half;
        }
        if (count == 1 && ranges[low] <= key)
            low++;
        return low - 1;
    }

    internal static long ArrayBytes(int length, int elementSize) => 24 + ((long)length * elementSize);

    private static int[] BuildBuckets(ulong[] ranges)
    {
        var buckets = new int[(1 << BucketBits) + 1];
        var i = 0;
        for (var bucket = 0; bucket < 1 << BucketBits; bucket++)
        {
            while (i < ranges.Length && (ranges[i] >> (32 + BucketBits)) < (ulong)bucket)
                i++;
            buckets[bucket] = i;
        }
        buckets[1 << BucketBits] = ranges.Length;
        return buckets;
    }
}
