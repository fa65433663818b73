namespace RustIds.Notify;

/// <summary>Body shape posted by <see cref="WebhookChannel"/>.</summary>
public enum WebhookFormat
{
    /// <summary>The full notice as JSON (see <see cref="NoticeFormatter.ToJson"/>).</summary>
    Generic = 0,

    /// <summary>Slack-compatible <c>{"text": ...}</c> (see <see cref="NoticeFormatter.ToSlackJson"/>).</summary>
    Slack = 1,
}
