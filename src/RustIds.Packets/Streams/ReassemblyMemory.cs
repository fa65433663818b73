using System.Numerics;
using System.Runtime.CompilerServices;

namespace RustIds.Packets.Streams;

/// <summary>The byte budget (memcap) shared by all reassemblers of one capture worker, and their buffer pool.</summary>
/// <remarks>
/// Buffers come from this worker's own pools and are charged at their real length until returned,
/// so <see cref="InUseBytes"/> is what reassembly holds right now. Not thread-safe by design: one instance per
/// capture worker thread, used only by that thread's reassemblers (reads from other threads see values at most
/// one packet old). Own pools (<see cref="BufferPool{T}"/>), not <c>ArrayPool.Shared</c>: the shared pool keeps only a
/// few arrays per size and core, so with hundreds of streams holding buffers at once it dropped returned arrays and
/// allocated new ones in steady state (1 MB per pass over the conformance capture, measured).
/// </remarks>
public sealed class ReassemblyMemory
{
    private long _inUse;
    private long _peak;
    private long _refusals;

    // The memcap bounds how many arrays can be out at once, and so how many each pool keeps.
    private readonly BufferPool<byte> _bytes = new(maxLength: 64 * 1024 * 1024);
    private readonly BufferPool<BufferedRange> _ranges = new(maxLength: 1024 * 1024);

    /// <summary>Creates a budget of <paramref name="memcapBytes"/> bytes.</summary>
    public ReassemblyMemory(long memcapBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(memcapBytes);
        MemcapBytes = memcapBytes;
    }

    /// <summary>The budget in bytes.</summary>
    public long MemcapBytes { get; }

    /// <summary>Bytes of buffers currently rented.</summary>
    public long InUseBytes => Volatile.Read(ref _inUse);

    /// <summary>Highest <see cref="InUseBytes"/> seen.</summary>
    public long PeakBytes => Volatile.Read(ref _peak);

    /// <summary>Rent requests refused because they would exceed the budget.</summary>
    public long Refusals => Volatile.Read(ref _refusals);

    /// <summary>A byte buffer of at least <paramref name="length"/> bytes, or null when the budget does not allow it.</summary>
    /// <param name="length">Minimum length.</param>
    /// <param name="optional">True for nice-to-have buffers, which may only use the first three quarters of the budget.</param>
    internal byte[]? RentBytes(int length, bool optional)
    {
        // ArrayPool rounds up to its bucket size; reserve that size before renting so a refusal costs nothing.
        var charged = (long)BitOperations.RoundUpToPowerOf2((uint)Math.Max(length, 16));
        if (!TryCharge(charged, optional))
            return null;
        var array = _bytes.Rent(length);
        Adjust(array.Length - charged);
        return array;
    }

    internal void Return(byte[] array)
    {
        Adjust(-array.Length);
        _bytes.Return(array);
    }

    /// <summary>A range array of at least <paramref name="length"/> entries, or null when the budget does not allow it.</summary>
    internal BufferedRange[]? RentRanges(int length)
    {
        var charged = (long)BitOperations.RoundUpToPowerOf2((uint)Math.Max(length, 16)) * Unsafe.SizeOf<BufferedRange>();
        if (!TryCharge(charged, optional: false))
            return null;
        var array = _ranges.Rent(length);
        Adjust(((long)array.Length * Unsafe.SizeOf<BufferedRange>()) - charged);
        return array;
    }

    internal void Return(BufferedRange[] array)
    {
        Adjust(-(long)array.Length * Unsafe.SizeOf<BufferedRange>());
        _ranges.Return(array);
    }

    private bool TryCharge(long bytes, bool optional)
    {
        var limit = optional ? MemcapBytes / 4 * 3 : MemcapBytes;
        if (_inUse + bytes > limit)
        {
            _refusals++;
            return false;
        }
        Adjust(bytes);
        return true;
    }

    private void Adjust(long delta)
    {
        _inUse += delta;
        if (_inUse > _peak)
            _peak = _inUse;
    }
}
