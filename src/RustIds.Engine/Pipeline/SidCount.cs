namespace RustIds.Engine.Pipeline;

/// <summary>How often one signature fired, and its severity (1 highest to 4).</summary>
public sealed record SidCount(int Gid, long Sid, string Signature, long Count, int Severity = 3);
