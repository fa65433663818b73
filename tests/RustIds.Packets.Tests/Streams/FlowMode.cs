namespace RustIds.Packets.Tests.Streams;

/// <summary>How <see cref="SegmentGenerator"/> builds one random flow.</summary>
internal enum FlowMode
{
    /// <summary>Handshake, then random cuts of the original streams with random flags and plausible ACKs.</summary>
    CutWithHandshake,

    /// <summary>No handshake: random cuts, the first data segment of each side starts its stream.</summary>
    CutMidstream,

    /// <summary>Handshake, a full covering of both streams plus duplicates and overlaps, shuffled, no ACK numbers.</summary>
    Complete,

    /// <summary>Random directions, sequence numbers, acknowledgements, flags and bytes.</summary>
    Garbage,
}
