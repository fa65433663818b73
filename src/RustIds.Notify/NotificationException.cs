namespace RustIds.Notify;

/// <summary>A notification channel could not deliver a notice.</summary>
public sealed class NotificationException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="channel">Name of the failing channel.</param>
    /// <param name="message">What failed, with the endpoint, for example <c>SMTP 127.0.0.1:2525 unreachable: Connection refused</c>.</param>
    /// <param name="isTransient">True when retrying later may succeed (network errors, timeouts, 4xx SMTP, HTTP 5xx/429).</param>
    /// <param name="innerException">The underlying error, if any.</param>
    /// <param name="retryAfter">How long the server asked us to wait (HTTP <c>Retry-After</c>), or null.</param>
    public NotificationException(string channel, string message, bool isTransient, Exception? innerException = null, TimeSpan? retryAfter = null)
        : base(message, innerException)
    {
        Channel = channel;
        IsTransient = isTransient;
        RetryAfter = retryAfter;
    }

    /// <summary>Name of the failing channel.</summary>
    public string Channel { get; }

    /// <summary>True when retrying later may succeed.</summary>
    public bool IsTransient { get; }

    /// <summary>The wait the server asked for before the next attempt (HTTP 429/503 <c>Retry-After</c>); null when it did not say.</summary>
    public TimeSpan? RetryAfter { get; }
}
