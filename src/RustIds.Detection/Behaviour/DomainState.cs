namespace RustIds.Detection.Behaviour;

/// <summary>One client's queries for one registered domain in the current window.</summary>
public struct DomainState
{
    internal long Start;
    internal int Queries;
    internal int NamedQueries;
    internal long NameCharacters;
    internal double EntropySum;
    internal int TxtOrNull;
    internal int Responses;
    internal long ResponseBytes;
    internal DistinctSketch Subdomains;
    internal long QuietUntil;
}
