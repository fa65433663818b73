// TEMPORARY: stand-in until the helper's Hyperscan/Aho-Corasick prefilter lands. Not to be committed.
namespace RustIds.Rules.Prefilter;

public sealed record MultiPattern(int Id, byte[] Bytes, bool NoCase);

public enum PrefilterEngine : byte { Auto, Hyperscan, AhoCorasick }

public interface IMultiPatternDatabase : IDisposable
{
    int PatternCount { get; }
    PrefilterEngine Engine { get; }
    long MemoryBytes { get; }
    IMultiPatternScanner CreateScanner();
}

public interface IMultiPatternScanner : IDisposable
{
    int Scan(ReadOnlySpan<byte> data, Span<ulong> found, Span<int> hits);
}

public static class MultiPatternDatabase
{
    public static IMultiPatternDatabase Compile(IReadOnlyList<MultiPattern> patterns, PrefilterEngine engine = PrefilterEngine.Auto) => new Naive(patterns);

    private sealed class Naive(IReadOnlyList<MultiPattern> patterns) : IMultiPatternDatabase, IMultiPatternScanner
    {
        public int PatternCount => patterns.Count;
        public PrefilterEngine Engine => PrefilterEngine.AhoCorasick;
        public long MemoryBytes => 0;
        public IMultiPatternScanner CreateScanner() => this;
        public void Dispose() { }
        public int Scan(ReadOnlySpan<byte> data, Span<ulong> found, Span<int> hits)
        {
            var n = 0;
            foreach (var p in patterns)
            {
                var folded = p.NoCase ? ContentMatch.Fold(p.Bytes) : p.Bytes;
                var at = p.NoCase ? ContentSearch.IndexOfFolded(data, folded) : data.IndexOf(p.Bytes);
                if (at < 0 || (found[p.Id >> 6] & (1UL << p.Id)) != 0) continue;
                found[p.Id >> 6] |= 1UL << p.Id;
                if (n < hits.Length) hits[n++] = p.Id;
            }
            return n;
        }
    }
}
