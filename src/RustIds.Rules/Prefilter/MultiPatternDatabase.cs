using RustIds.Rules.Interop;

namespace RustIds.Rules.Prefilter;

/// <summary>Compiles literal sets with Hyperscan where it is installed, else the managed Aho-Corasick; both report the same patterns.</summary>
public static class MultiPatternDatabase
{
    /// <summary>True when Debian's libhyperscan5 loads and the CPU supports it.</summary>
    public static bool IsHyperscanAvailable => LibHyperscan.IsAvailable;

    /// <summary>Compiles <paramref name="patterns"/> (ids dense from 0).</summary>
    /// <exception cref="PrefilterUnavailableException">Hyperscan was asked for explicitly but is missing, or refused the set.</exception>
    public static IMultiPatternDatabase Compile(IReadOnlyList<MultiPattern> patterns, PrefilterEngine engine = PrefilterEngine.Auto)
    {
        ArgumentNullException.ThrowIfNull(patterns);
        // Hyperscan cannot compile an empty set; the trivial automaton answers the same (nothing).
        if (engine == PrefilterEngine.AhoCorasick || patterns.Count == 0)
            return new AhoCorasickDatabase(patterns);
        if (!IsHyperscanAvailable)
        {
            if (engine == PrefilterEngine.Hyperscan)
                throw new PrefilterUnavailableException("Hyperscan is not available: install the Debian package libhyperscan5 (it also needs a CPU with SSSE3)");
            return new AhoCorasickDatabase(patterns);
        }
        return HyperscanDatabase.Compile(patterns);
    }
}
