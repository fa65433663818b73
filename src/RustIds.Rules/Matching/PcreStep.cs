using RustIds.Rules.Pcre;

namespace RustIds.Rules.Matching;

/// <summary>A <c>pcre</c> option.</summary>
public sealed class PcreStep(PcreSpec spec) : InspectionStep
{
    /// <inheritdoc/>
    public override StepKind Kind => StepKind.Pcre;

    /// <inheritdoc/>
    public override string Keyword => "pcre";

    public PcreSpec Spec => spec;

    /// <inheritdoc/>
    public override bool IsRelative => spec.Relative;

    internal override bool IsAnchor => !spec.Negated && !spec.Relative;
}
