namespace RustIds.Detection.Behaviour;

/// <summary>What every flow start touches for its source: the SYN window and the fast scan window, kept small so a lookup reads few cache lines.</summary>
/// <remarks>
/// Rarer state lives in tables of its own, touched only when needed: failed attempts (<see cref="FailureState"/>),
/// login attempts (<see cref="LoginState"/>), echo requests (<see cref="EchoState"/>). One big entry per source
/// was measured slower: under a stream of new sources every lookup then missed the caches on more lines.
/// </remarks>
public struct SourceState
{
    internal SynCounters Syn;
    internal FastScanCounters Fast;
}

/// <summary>SYNs one source sent in the current window, and to how many services.</summary>
internal struct SynCounters
{
    public long Start;
    public int Syns;
    public DistinctSketch Services;
    public long QuietUntil;
}

/// <summary>The ports one source tried in the fast scan window; the cooldown of vertical scans (fast or slow).</summary>
internal struct FastScanCounters
{
    public long Start;
    public DistinctSketch Ports;
    public long VerticalQuietUntil;
}
