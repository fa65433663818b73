namespace RustIds.Notify;

/// <summary>A notification channel could not deliver a notice.</summary>
public sealed class NotificationException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="channel">Name of the failing channel.</param>
    /// <param name="message">What failed, with the endpoint, for example <c>SMTP 127.0.0.1:2525 unreachable: Connection refused</c>.</param>
    /// <param name="isTransient">True when retrying later may succeed (network errors, timeouts, 4xx SMTP, HTTP 5xx/429).</param>
    /// <param name="innerException">The underlying error, if any.</param>
    public NotificationException(string channel, string message, bool isTransient, Exception? innerException = null)
        : base(message, innerException)
    {
        Channel = channel;
        IsTransient = isTransient;
    }

    /// <summary>Name of the failing channel.</summary>
    public string Channel { get; }

    /// <summary>True when retrying later may succeed.</summary>
    public bool IsTransient { get; }
}
