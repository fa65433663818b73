namespace RustIds.Reputation.Feeds.Refresh;

/// <summary>Download progress: bytes so far and the total when the source announced it.</summary>
public readonly record struct FeedTransfer(long Bytes, long? Total);
