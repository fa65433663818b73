using RustIds.Rules.Buffers;
using RustIds.Rules.Matching;
using RustIds.Rules.Prefilter;

namespace RustIds.Rules.Evaluation;

/// <summary>The fast patterns of the rules whose fast pattern is in one buffer, compiled into one multi-pattern database.</summary>
/// <remarks>Pattern id i belongs to rule <c>Rules[i]</c>. Immutable and shared by the workers; each worker scans with its own scanner.</remarks>
internal sealed class PrefilterGroup : IDisposable
{
    public PrefilterGroup(BufferKind buffer, BufferTransforms transforms, CompiledRule[] rules, PrefilterEngine engine)
    {
        Buffer = buffer;
        Transforms = transforms;
        Rules = [.. rules.Select(r => r.Index)];
        var patterns = new MultiPattern[rules.Length];
        for (var i = 0; i < rules.Length; i++)
        {
            var content = rules[i].FastPattern!.Value.Content;
            patterns[i] = new MultiPattern(i, content.PrefilterBytes.ToArray(), content.NoCase);
        }
        Database = MultiPatternDatabase.Compile(patterns, engine);
    }

    public BufferKind Buffer { get; }

    /// <summary>Position in the rule set's list of groups: the index of a worker's scanner for it.</summary>
    public int Id { get; set; }

    /// <summary>Transforms applied to the buffer before it is scanned (the rules' contents are written for the transformed bytes).</summary>
    public Matching.BufferTransforms Transforms { get; }

    /// <summary>Rule index (evaluation order) per pattern id.</summary>
    public int[] Rules { get; }

    public IMultiPatternDatabase Database { get; }

    public void Dispose() => Database.Dispose();
}
