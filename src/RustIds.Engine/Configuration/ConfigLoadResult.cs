namespace RustIds.Engine.Configuration;

/// <summary>The bound options and every problem found while reading and validating them.</summary>
public sealed record ConfigLoadResult(RustIdsOptions Options, IReadOnlyList<ConfigProblem> Problems, string? Source)
{
    public bool IsValid => Problems.Count == 0;
}
