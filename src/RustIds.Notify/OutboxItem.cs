namespace RustIds.Notify;

/// <summary>One row due for delivery: a notice, or a digest whose notices point at it.</summary>
/// <param name="Id">Row id.</param>
/// <param name="Channel">The channel that delivers it.</param>
/// <param name="IsDigest">True for a digest row.</param>
/// <param name="Payload">The notice payload (<see cref="NoticeFormatter.ToJson"/>), or the digest's header.</param>
/// <param name="Rounds">Delivery rounds tried so far.</param>
internal sealed record OutboxItem(long Id, string Channel, bool IsDigest, string Payload, int Rounds);
