namespace RustIds.Notify;

/// <summary>A way to tell people about a block: email, webhook, later chat or pager services.</summary>
/// <remarks>
/// Implementations make one attempt per call and apply their own timeout; retries, backoff and the durable
/// queue belong to <see cref="OutboxDelivery"/>. Thread-safe.
/// </remarks>
public interface INotificationChannel
{
    /// <summary>Short unique name used in logs, results, the outbox and failure counts (for example <c>email</c>).</summary>
    string Name { get; }

    /// <summary>Delivers <paramref name="notice"/>.</summary>
    /// <returns>What the server answered, for logs and <c>rustids notify test</c> (for example <c>200 OK: ok</c>).</returns>
    /// <exception cref="NotificationException">Delivery failed; <see cref="NotificationException.IsTransient"/> says whether a retry may help.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="ct"/> was cancelled.</exception>
    Task<string> SendAsync(BlockNotice notice, CancellationToken ct);

    /// <summary>Delivers a digest of several notices as one message.</summary>
    /// <returns>What the server answered.</returns>
    /// <exception cref="NotificationException">Delivery failed; <see cref="NotificationException.IsTransient"/> says whether a retry may help.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="ct"/> was cancelled.</exception>
    Task<string> SendDigestAsync(NoticeDigest digest, CancellationToken ct);
}
