namespace RustIds.Notify;

/// <summary>A notice that deduplication kept out of the mailbox, counted per event and target for the next digest.</summary>
/// <param name="Event"><c>block</c> or <c>unblock</c>.</param>
/// <param name="Target">The address or prefix.</param>
/// <param name="Count">How many repeats were dropped.</param>
public sealed record DigestRepeat(string Event, string Target, int Count);
