namespace RustIds.Rules.Matching;

/// <summary>What an <see cref="InspectionStep"/> does, for switch dispatch on the hot path.</summary>
public enum StepKind : byte
{
    Content,
    Pcre,
    ByteOperation,
    BufferSize,
}
