namespace RustIds.Reputation.Storage;

/// <summary>A verdict read back from the threat DB, with the time it was recorded.</summary>
/// <param name="At">When the verdict was made.</param>
/// <param name="Verdict">The verdict, reasons included.</param>
public sealed record StoredVerdict(DateTimeOffset At, Verdict Verdict);
