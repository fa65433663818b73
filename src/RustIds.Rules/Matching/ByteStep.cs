using RustIds.Rules.ByteOps;

namespace RustIds.Rules.Matching;

/// <summary>byte_test, byte_jump, byte_extract, byte_math or isdataat.</summary>
public sealed class ByteStep(ByteOperation operation) : InspectionStep
{
    /// <inheritdoc/>
    public override StepKind Kind => StepKind.ByteOperation;

    /// <inheritdoc/>
    public override string Keyword => operation.Keyword;

    public ByteOperation Operation => operation;

    /// <inheritdoc/>
    public override bool IsRelative => operation.Relative;
}
