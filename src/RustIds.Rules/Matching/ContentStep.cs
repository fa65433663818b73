namespace RustIds.Rules.Matching;

/// <summary>A <c>content</c> with its modifiers.</summary>
public sealed class ContentStep(ContentMatch content) : InspectionStep
{
    /// <inheritdoc/>
    public override StepKind Kind => StepKind.Content;

    /// <inheritdoc/>
    public override string Keyword => "content";

    public ContentMatch Content => content;

    /// <inheritdoc/>
    public override bool IsRelative => content.IsRelative;

    internal override bool IsAnchor => !content.Negated && !content.IsRelative;
}
