namespace RustIds.Notify.Tests;

internal sealed record RecordedRequest(string Method, string Path, string? ContentType, string? Signature, byte[] Body, long ReceivedAt = 0);
