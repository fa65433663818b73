namespace RustIds.Engine.Configuration;

/// <summary>The plain-English summary in every notice (<c>Notify:Summary</c>); see docs/notifications.md.</summary>
public sealed class SummarySettings
{
    /// <summary>An optional rewrite of the template summary by a language model; off by default.</summary>
    public SummaryRewriteSettings Rewrite { get; set; } = new();
}
