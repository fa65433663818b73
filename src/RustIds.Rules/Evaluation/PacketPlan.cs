namespace RustIds.Rules.Evaluation;

/// <summary>
/// The packet rules of one transport: rules whose destination (or else source) port field names at most
/// <see cref="MaxBucketPorts"/> ports sit in per-port plans, the rest in <see cref="AnyPort"/>; a packet is
/// prefiltered with the any-port plan and the plans of its two ports only, as Suricata's port groups do.
/// </summary>
/// <remarks>A rule can only match a packet whose port is in its bucket, so the union of the three plans holds every possible match.</remarks>
internal sealed class PacketPlan : IDisposable
{
    /// <summary>Wider port fields stay in the any-port plan rather than being copied into many buckets.</summary>
    public const int MaxBucketPorts = 64;

    private readonly RulePlan?[] _byDestination;
    private readonly RulePlan?[] _bySource;
    private readonly RulePlan[] _distinct;

    public PacketPlan(RulePlan anyPort, RulePlan?[] byDestination, RulePlan?[] bySource)
    {
        AnyPort = anyPort;
        _byDestination = byDestination;
        _bySource = bySource;
        _distinct = [anyPort, .. byDestination.Concat(bySource).OfType<RulePlan>().Distinct()];
    }

    public RulePlan AnyPort { get; }

    /// <summary>Every plan, once, for disposal and scanner creation.</summary>
    public IReadOnlyList<RulePlan> All => _distinct;

    /// <summary>Rules bucketed by destination port <paramref name="port"/>, or null.</summary>
    public RulePlan? ForDestination(int port) => _byDestination.Length == 0 ? null : _byDestination[port];

    /// <summary>Rules bucketed by source port <paramref name="port"/>, or null.</summary>
    public RulePlan? ForSource(int port) => _bySource.Length == 0 ? null : _bySource[port];

    public void Dispose()
    {
        foreach (var plan in _distinct)
            plan.Dispose();
    }
}
