namespace RustIds.Packets.Streams;

/// <summary>Whether a segment overlapped bytes already held, and whether they agreed.</summary>
internal enum OverlapKind : byte
{
    None,
    Same,
    Different,
}
