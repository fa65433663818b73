namespace RustIds.Rules.Prefilter;

/// <summary>Which multi-pattern matcher a rule set's prefilter uses.</summary>
public enum PrefilterEngine : byte
{
    /// <summary>Hyperscan when Debian's libhyperscan5 loads, else Aho-Corasick.</summary>
    Auto,

    /// <summary>Hyperscan (<c>libhs.so.5</c>), the engine Suricata uses.</summary>
    Hyperscan,

    /// <summary>The managed Aho-Corasick automaton.</summary>
    AhoCorasick,
}
