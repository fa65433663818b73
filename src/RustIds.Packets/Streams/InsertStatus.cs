namespace RustIds.Packets.Streams;

/// <summary>Outcome of buffering an out-of-order segment.</summary>
internal enum InsertStatus : byte
{
    Stored,
    TooManyRanges,
    MemcapRefused,
}
