namespace RustIds.Packets.Streams;

/// <summary>Reassembly outcomes of one capture worker, by <see cref="ReassemblyCounter"/>.</summary>
/// <remarks>
/// One writer (the worker thread) increments plain fields; readers on other threads see values at most one
/// packet old, which is fine for counters (64-bit reads do not tear on x64/arm64). Shared by all
/// <see cref="TcpReassembler"/> instances of the worker. Not thread-safe for writers by design.
/// </remarks>
public sealed class ReassemblyCounters
{
    private const int Count = (int)ReassemblyCounter.UnknownDirection + 1;
    private readonly long[] _values = new long[Count];

    /// <summary>The current value of <paramref name="counter"/>; 0 for an unknown counter.</summary>
    public long Get(ReassemblyCounter counter) =>
        (uint)counter < Count ? Volatile.Read(ref _values[(int)counter]) : 0;

    internal void Add(ReassemblyCounter counter, long amount = 1) => _values[(int)counter] += amount;
}
