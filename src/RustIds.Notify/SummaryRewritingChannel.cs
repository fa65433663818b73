namespace RustIds.Notify;

/// <summary>
/// A channel that has the summary rewritten (<see cref="ISummaryRewriter"/>) before the channel it wraps sends the notice.
/// </summary>
/// <remarks>
/// Delivery time is the place for it: the outbox worker waits for the model, never the detection path, and a notice
/// queued while the model is down is still rewritten when it is delivered. Digests pass through with template summaries
/// (one model call per notice of a digest of hundreds would be slow and costly). Share one rewriter between the
/// channels: it answers a notice once for all of them. Thread-safe.
/// </remarks>
public sealed class SummaryRewritingChannel : INotificationChannel
{
    /// <summary>Wraps <paramref name="inner"/>.</summary>
    public SummaryRewritingChannel(INotificationChannel inner, ISummaryRewriter rewriter)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentNullException.ThrowIfNull(rewriter);
        Inner = inner;
        Rewriter = rewriter;
    }

    /// <summary>The channel that sends.</summary>
    public INotificationChannel Inner { get; }

    /// <summary>The rewriter (for its counters).</summary>
    public ISummaryRewriter Rewriter { get; }

    /// <inheritdoc />
    public string Name => Inner.Name;

    /// <inheritdoc />
    public async Task<string> SendAsync(BlockNotice notice, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(notice);
        var rewritten = await Rewriter.RewriteAsync(notice, ct).ConfigureAwait(false);
        return await Inner.SendAsync(rewritten, ct).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public Task<string> SendDigestAsync(NoticeDigest digest, CancellationToken ct) => Inner.SendDigestAsync(digest, ct);
}
