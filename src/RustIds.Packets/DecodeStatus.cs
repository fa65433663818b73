namespace RustIds.Packets;

/// <summary>Outcome of decoding one frame; counted, never thrown.</summary>
public enum DecodeStatus : byte
{
    Ok = 0,
    Truncated = 1,
    Malformed = 2,
    Unsupported = 3,
}
