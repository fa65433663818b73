namespace RustIds.Detection.Tests;

/// <summary>Zero-allocation tests run alone, after the parallel ones: a collection set off by another test's allocations could be charged to them.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AllocationCollection
{
    public const string Name = "allocation measurements";
}
