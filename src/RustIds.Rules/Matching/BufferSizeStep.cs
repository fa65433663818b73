using RustIds.Rules.Conditions;

namespace RustIds.Rules.Matching;

/// <summary><c>bsize</c>, <c>urilen</c>, Snort 3's <c>bufferlen</c>: a test on the (transformed) buffer's length.</summary>
public sealed class BufferSizeStep(string keyword, NumericRange range) : InspectionStep
{
    /// <inheritdoc/>
    public override StepKind Kind => StepKind.BufferSize;

    /// <inheritdoc/>
    public override string Keyword => keyword;

    public NumericRange Range => range;
}
