using RustIds.Rules.Flowbits;

namespace RustIds.Rules.Evaluation;

/// <summary>A flowbits option with its names turned into bit indices of the rule set.</summary>
internal sealed class CompiledFlowbit(FlowbitOperation operation, Func<string, int> bitIndex)
{
    public FlowbitCommand Command { get; } = operation.Command;

    public bool AnyOf { get; } = operation.AnyOf;

    public int[] Bits { get; } = [.. operation.Names.Select(bitIndex)];
}
