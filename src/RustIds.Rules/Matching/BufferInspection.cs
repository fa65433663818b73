using RustIds.Rules.Buffers;

namespace RustIds.Rules.Matching;

/// <summary>The keywords of one rule that inspect one buffer, with the buffer's transforms.</summary>
public sealed class BufferInspection
{
    private readonly InspectionStep[] _steps;

    public BufferInspection(BufferKind buffer, BufferTransforms transforms, InspectionStep[] steps)
    {
        ArgumentNullException.ThrowIfNull(steps);
        Buffer = buffer;
        Transforms = transforms;
        _steps = steps;
        Backtrack = new bool[steps.Length];
        for (var i = 0; i < steps.Length; i++)
        {
            // Retrying a later occurrence only helps when some later step is placed relative to this one.
            for (var j = i + 1; j < steps.Length; j++)
            {
                if (steps[j].IsRelative)
                {
                    Backtrack[i] = true;
                    break;
                }
                if (steps[j].IsAnchor)
                    break;
            }
        }
    }

    public BufferKind Buffer { get; }

    public BufferTransforms Transforms { get; }

    /// <summary>Per step: a later occurrence of its match is worth trying when what follows fails.</summary>
    internal bool[] Backtrack { get; }

    public IReadOnlyList<InspectionStep> Steps => _steps;

    internal InspectionStep[] StepArray => _steps;

    /// <summary>Positive content steps, the candidates for the rule's fast pattern.</summary>
    public IEnumerable<ContentMatch> Contents => _steps.OfType<ContentStep>().Select(s => s.Content);
}
