namespace RustIds.Rules;

/// <summary>Which TCP payload a rule's payload keywords inspect: each packet, the reassembled stream, or both (Suricata's default).</summary>
public enum PayloadScope : byte
{
    /// <summary><c>tcp</c>: the reassembled stream first, then the packet.</summary>
    PacketAndStream,

    /// <summary><c>tcp-pkt</c> or <c>flow:no_stream</c>: packets only.</summary>
    PacketOnly,

    /// <summary><c>tcp-stream</c> or <c>flow:only_stream</c>: the reassembled stream only.</summary>
    StreamOnly,
}
