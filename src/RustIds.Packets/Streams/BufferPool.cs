using System.Numerics;

namespace RustIds.Packets.Streams;

/// <summary>Idle arrays of power-of-two lengths, one stack per length, for one thread.</summary>
/// <remarks>
/// Not <c>ArrayPool.Create</c>: it allocates every size class's slot array up front (8,192 slots for each of about
/// twenty classes, 2.6 MB for reassembly's two pools, 650 page faults before the first packet). Here a class's stack
/// starts empty and doubles as arrays come back, so it holds at most as many as were ever out at once, which the
/// memcap bounds; once warm, renting and returning allocate nothing. Arrays longer than <see cref="MaxLength"/> are
/// allocated on demand and dropped when returned.
/// </remarks>
internal sealed class BufferPool<T>
{
    private const int MinLength = 16;
    private const int Classes = 27; // 16 B .. 1 GiB

    private readonly T[]?[]?[] _idle = new T[]?[]?[Classes];
    private readonly int[] _counts = new int[Classes];

    /// <param name="maxLength">The longest array pooled; rounded up to a power of two.</param>
    public BufferPool(int maxLength)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLength, MinLength);
        MaxLength = (int)Math.Min(BitOperations.RoundUpToPowerOf2((uint)maxLength), 1u << (Classes + 3));
    }

    public int MaxLength { get; }

    /// <summary>An array of at least <paramref name="length"/> elements: the next power of two (at least 16), contents unspecified.</summary>
    public T[] Rent(int length)
    {
        var size = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(length, MinLength));
        if (size > MaxLength || size <= 0)
            return new T[length];
        var index = ClassOf(size);
        if (_counts[index] == 0)
            return new T[size];
        var stack = _idle[index]!;
        var array = stack[--_counts[index]]!;
        stack[_counts[index]] = null;
        return array;
    }

    /// <summary>Keeps <paramref name="array"/> (from <see cref="Rent"/>) for the next rent of its length.</summary>
    public void Return(T[] array)
    {
        var size = array.Length;
        if (size > MaxLength || size < MinLength || !BitOperations.IsPow2(size))
            return;
        var index = ClassOf(size);
        var stack = _idle[index];
        if (stack is null || _counts[index] == stack.Length)
        {
            var grown = new T[]?[Math.Max(4, _counts[index] * 2)];
            stack?.AsSpan().CopyTo(grown);
            _idle[index] = stack = grown;
        }
        stack[_counts[index]++] = array;
    }

    private static int ClassOf(int size) => BitOperations.Log2((uint)size) - 4;
}
