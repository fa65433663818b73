namespace RustIds.Reputation.Storage;

/// <summary>How often one rule or detector (gid:sid) accused an address, and when last.</summary>
public sealed record SignatureCount(int Gid, long Sid, string Signature, int Count, DateTimeOffset Last);
