namespace RustIds.Rules.Prefilter;

/// <summary>A compiled, immutable set of literals, shared by all workers.</summary>
public interface IMultiPatternDatabase : IDisposable
{
    int PatternCount { get; }

    /// <summary>The engine that compiled it.</summary>
    PrefilterEngine Engine { get; }

    /// <summary>Memory held by the compiled form, for reporting.</summary>
    long MemoryBytes { get; }

    /// <summary>A scanner for one worker thread.</summary>
    IMultiPatternScanner CreateScanner();
}
