namespace RustIds.Notify;

/// <summary>Outcome of sending one notice through one channel.</summary>
/// <param name="Channel">Channel name.</param>
/// <param name="Succeeded">True when the channel accepted the notice.</param>
/// <param name="Elapsed">Time the attempt took.</param>
/// <param name="Error">Failure message, or null on success.</param>
/// <param name="IsTransient">True when a failed attempt may succeed if retried; false on success.</param>
/// <param name="Answer">What the server answered on success (for example <c>200 OK: ok</c>), else null.</param>
public sealed record ChannelResult(string Channel, bool Succeeded, TimeSpan Elapsed, string? Error, bool IsTransient, string? Answer = null);
