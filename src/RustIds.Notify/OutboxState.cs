namespace RustIds.Notify;

/// <summary>Where an outbox row stands; stored as its number in <c>notify_outbox.state</c>.</summary>
public enum OutboxState
{
    /// <summary>Waiting for its channel's worker (at <c>next_attempt_at</c>).</summary>
    Pending = 0,

    /// <summary>Delivered; kept for <see cref="OutboxOptions.KeepDelivered"/> for deduplication, the hourly cap and inspection.</summary>
    Sent = 1,

    /// <summary>Given up: a permanent error (HTTP 4xx, SMTP 5xx) or <see cref="OutboxOptions.MaxRounds"/> transient ones. Kept with its last error.</summary>
    Failed = 2,

    /// <summary>Below the immediate threshold or held back by the hourly cap: waits for the next digest.</summary>
    AwaitingDigest = 3,

    /// <summary>Part of a digest row (<c>digest_id</c>), which is delivered in its place.</summary>
    Digested = 4,

    /// <summary>A repeat within the deduplication window: counted in the next digest, not sent.</summary>
    Duplicate = 5,
}
