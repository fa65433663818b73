namespace RustIds.Packets.Streams;

/// <summary>What <see cref="ReassemblyCounters"/> counts; segments are counted once per outcome.</summary>
public enum ReassemblyCounter
{
    /// <summary>Data segments that started at the next expected byte (possibly after trimming a retransmitted head).</summary>
    SegmentsInOrder = 0,

    /// <summary>Data segments buffered because they started after the next expected byte.</summary>
    SegmentsOutOfOrder,

    /// <summary>Data segments that repeated bytes already delivered, wholly or in part; the repeated bytes are dropped.</summary>
    SegmentsRetransmitted,

    /// <summary>Data segments that overlapped buffered, not yet delivered bytes.</summary>
    SegmentsOverlapping,

    /// <summary>Segments whose overlapping bytes differed from delivered or buffered ones (evasion attempt or corruption).</summary>
    OverlapsDifferentData,

    /// <summary>Gaps reported to the sink (capture loss, buffer overflow or memcap refusals made final).</summary>
    Gaps,

    /// <summary>Bytes reported missing by gaps.</summary>
    GapBytes,

    /// <summary>Bytes handed to <see cref="IStreamSink.OnData"/>.</summary>
    BytesDelivered,

    /// <summary>Stream directions that reached <see cref="ReassemblyOptions.DepthBytes"/>.</summary>
    DepthReached,

    /// <summary>New bytes not delivered because the direction had reached its depth.</summary>
    DepthSkippedBytes,

    /// <summary>Out-of-order segments not buffered because the memcap was reached.</summary>
    MemcapRefusals,

    /// <summary>Times the out-of-order buffer hit its byte or range limit and skipped a hole as a gap.</summary>
    OutOfOrderOverflows,

    /// <summary>Segments dropped because they started too far ahead to buffer with nothing buffered before them.</summary>
    OutOfWindowSegments,

    /// <summary>Directions started at a data segment because their SYN or SYN-ACK was not seen.</summary>
    MidstreamPickups,

    /// <summary>Data segments dropped because the handshake was not seen and midstream pick-up is off.</summary>
    NoHandshakeSegments,

    /// <summary>Data segments seen after their direction ended (FIN or RST), or beyond a FIN.</summary>
    DataAfterEnd,

    /// <summary>RST segments ignored because their sequence number was outside the window (RFC 5961 §3).</summary>
    RstIgnored,

    /// <summary>FIN segments ignored because they were older than delivered data or arrived before the direction started.</summary>
    FinIgnored,

    /// <summary>Packets ignored because their direction was unknown.</summary>
    UnknownDirection,
}
