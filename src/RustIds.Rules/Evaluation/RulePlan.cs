namespace RustIds.Rules.Evaluation;

/// <summary>The rules one packet protocol or one app-layer event can match: prefiltered groups plus the rules always tried.</summary>
internal sealed class RulePlan(PrefilterGroup[] prefilters, int[] always, AddressIndex? bySource = null, AddressIndex? byDestination = null) : IDisposable
{
    /// <summary>Rules that inspect the TCP stream without a fast pattern (always or address-indexed for packets): verified on every stream window, ascending.</summary>
    public int[] StreamAlways { get; init; } = [];

    /// <summary>Some rule of the plan inspects the reassembled TCP stream.</summary>
    public bool HasStreamRules { get; init; }

    /// <summary>The longest fast pattern of the plan's stream rules: a chunk is scanned from this many bytes minus one before it, so a pattern split across chunks is found.</summary>
    public int LongestStreamPattern { get; init; }

    public PrefilterGroup[] Prefilters { get; } = prefilters;

    /// <summary>Rules without a usable fast pattern or an address index, ascending.</summary>
    public int[] Always { get; } = always;

    /// <summary>Rules without a fast pattern, found by the packet's source address.</summary>
    public AddressIndex? BySource { get; } = bySource;

    /// <summary>Rules without a fast pattern, found by the packet's destination address.</summary>
    public AddressIndex? ByDestination { get; } = byDestination;

    public bool IsEmpty => Prefilters.Length == 0 && Always.Length == 0 && BySource is null && ByDestination is null;

    public void Dispose()
    {
        foreach (var group in Prefilters)
            group.Dispose();
    }
}
