namespace RustIds.Rules.Prefilter;

/// <summary>Scans data for a database's literals; one per worker thread (it holds scratch memory), not thread-safe.</summary>
public interface IMultiPatternScanner : IDisposable
{
    /// <summary>
    /// Sets bit <c>id</c> of <paramref name="found"/> (cleared by the caller, (PatternCount+63)/64 words) for every
    /// pattern occurring in <paramref name="data"/> and writes each newly found id to <paramref name="hits"/> while
    /// it has room; returns how many ids it wrote. Allocation-free.
    /// </summary>
    int Scan(ReadOnlySpan<byte> data, Span<ulong> found, Span<int> hits);
}
