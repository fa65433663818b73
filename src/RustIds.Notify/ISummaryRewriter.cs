namespace RustIds.Notify;

/// <summary>Rewrites a notice's plain-English summary (an optional language model); the template is the fallback.</summary>
/// <remarks>
/// Runs at delivery time, off the detection path (<see cref="SummaryRewritingChannel"/>). Implementations never fail a
/// delivery: any failure gives the notice back unchanged, so its template summary is sent. Thread-safe.
/// </remarks>
public interface ISummaryRewriter
{
    /// <summary>
    /// The notice with <see cref="BlockNotice.Summary"/> and <see cref="BlockNotice.SummaryRewrittenBy"/> set, or
    /// <paramref name="notice"/> itself when rewriting failed or it already has a summary.
    /// </summary>
    /// <exception cref="OperationCanceledException"><paramref name="ct"/> was cancelled.</exception>
    Task<BlockNotice> RewriteAsync(BlockNotice notice, CancellationToken ct);
}
