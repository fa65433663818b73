namespace RustIds.Engine.Pipeline;

/// <summary>How often one signature fired.</summary>
public sealed record SidCount(int Gid, long Sid, string Signature, long Count);
