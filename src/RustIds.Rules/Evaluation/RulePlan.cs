namespace RustIds.Rules.Evaluation;

/// <summary>The rules one packet protocol or one app-layer event can match: prefiltered groups plus the rules always tried.</summary>
internal sealed class RulePlan(PrefilterGroup[] prefilters, int[] always) : IDisposable
{
    public PrefilterGroup[] Prefilters { get; } = prefilters;

    /// <summary>Rules without a usable fast pattern, ascending.</summary>
    public int[] Always { get; } = always;

    public bool IsEmpty => Prefilters.Length == 0 && Always.Length == 0;

    public void Dispose()
    {
        foreach (var group in Prefilters)
            group.Dispose();
    }
}
