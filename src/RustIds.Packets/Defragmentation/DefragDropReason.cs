namespace RustIds.Packets.Defragmentation;

/// <summary>Why a fragment (or its whole datagram) was dropped; each reason has its own counter in <see cref="DefragCounters"/>.</summary>
public enum DefragDropReason
{
    /// <summary>The IP total length (IPv6: payload length) or the fragment header reaches past the captured bytes.</summary>
    Truncated,

    /// <summary>Header fields that cannot be right: IPv4 header length below 20 or above the total length, a fragment header in a jumbogram (RFC 2675 §3), a second fragment header.</summary>
    MalformedHeader,

    /// <summary>A fragment carrying no data.</summary>
    EmptyFragment,

    /// <summary>A fragment with more fragments to come whose data length is not a multiple of 8 (RFC 791, RFC 8200 §4.5).</summary>
    NotMultipleOf8,

    /// <summary>Offset plus length beyond the largest datagram (65,535 bytes by default): the ping of death.</summary>
    TooLarge,

    /// <summary>A first fragment too short to hold the transport header (IPv6: the whole header chain, RFC 7112), or a later one starting inside it (RFC 1858 §3).</summary>
    TinyFragment,

    /// <summary>A last fragment whose end differs from an earlier last fragment or lies before bytes already held, or a fragment reaching past the known end; the whole datagram is dropped, as Linux does.</summary>
    ConflictingLast,

    /// <summary>The IPv6 header with its unfragmentable extension headers is longer than <see cref="IpDefragmenter.MaxHeaderBytes"/>.</summary>
    HeaderTooLong,

    /// <summary>The datagram received more than <see cref="DefragOptions.MaxFragmentsPerDatagram"/> fragments; the whole datagram is dropped.</summary>
    TooManyFragments,

    /// <summary>The fragment did not fit in <see cref="DefragOptions.MemcapBytes"/> even after evicting every other datagram.</summary>
    MemcapExceeded,
}
