using RustIds.Rules;

namespace RustIds.Engine.Pipeline;

/// <summary>The rule set the capture workers should run; a reload publishes a new one and each worker switches between two frames.</summary>
/// <remarks>YARP's config pattern: readers take <see cref="Current"/> with a volatile read, the reloader replaces it whole.</remarks>
public sealed class RuleSetHolder(CompiledRuleSet initial)
{
    private CompiledRuleSet _current = initial;

    public CompiledRuleSet Current => Volatile.Read(ref _current);

    /// <summary>Makes <paramref name="set"/> current and returns the one it replaces (for the caller to dispose once no worker uses it).</summary>
    public CompiledRuleSet Publish(CompiledRuleSet set) => Interlocked.Exchange(ref _current, set);
}
