namespace RustIds.Notify;

/// <summary>A way to tell people about a block: email, webhook, later chat or pager services.</summary>
/// <remarks>Implementations are thread-safe and apply their own timeout.</remarks>
public interface INotificationChannel
{
    /// <summary>Short unique name used in logs, results and failure counts (for example <c>email</c>).</summary>
    string Name { get; }

    /// <summary>Delivers <paramref name="notice"/>.</summary>
    /// <exception cref="NotificationException">Delivery failed; <see cref="NotificationException.IsTransient"/> says whether a retry may help.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="ct"/> was cancelled.</exception>
    Task SendAsync(BlockNotice notice, CancellationToken ct);
}
