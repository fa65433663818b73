namespace RustIds.Rules.Matching;

/// <summary>One payload keyword applied to a buffer, in the order the rule wrote it.</summary>
public abstract class InspectionStep
{
    /// <summary>For dispatch.</summary>
    public abstract StepKind Kind { get; }

    /// <summary>The keyword, for the keyword table and messages.</summary>
    public abstract string Keyword { get; }

    /// <summary>Works from the end of the previous match (<c>distance</c>, <c>within</c>, <c>relative</c>).</summary>
    public virtual bool IsRelative => false;

    /// <summary>A positive step that sets the cursor without depending on it: a backtracking barrier.</summary>
    internal virtual bool IsAnchor => false;
}
