namespace RustIds.Rules.Conditions;

/// <summary>A header field or size a numeric rule keyword tests.</summary>
public enum PacketField : byte
{
    /// <summary><c>dsize</c>: payload bytes.</summary>
    PayloadSize,

    /// <summary><c>ttl</c> (IPv6 hop limit).</summary>
    Ttl,

    /// <summary><c>tos</c> (IPv6 traffic class).</summary>
    Tos,

    /// <summary><c>id</c>: IPv4 identification.</summary>
    IpId,

    /// <summary><c>ip_proto</c>.</summary>
    IpProtocol,

    /// <summary><c>itype</c>.</summary>
    IcmpType,

    /// <summary><c>icode</c>.</summary>
    IcmpCode,

    /// <summary><c>icmp_id</c> (echo and echo reply).</summary>
    IcmpId,

    /// <summary><c>icmp_seq</c> (echo and echo reply).</summary>
    IcmpSequence,

    /// <summary><c>seq</c>.</summary>
    TcpSequence,

    /// <summary><c>ack</c>.</summary>
    TcpAcknowledgement,

    /// <summary><c>window</c>.</summary>
    TcpWindow,

    /// <summary><c>fragoffset</c>: fragment offset in bytes.</summary>
    FragmentOffset,
}
