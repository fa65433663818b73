namespace RustIds.Notify;

/// <summary>How many outbox rows are in each state, over all channels.</summary>
public sealed record OutboxCounts(long Pending, long Sent, long Failed, long AwaitingDigest, long Digested, long Duplicates)
{
    /// <summary>Rows that still need delivering: pending plus those waiting for a digest.</summary>
    public long Queued => Pending + AwaitingDigest;
}
