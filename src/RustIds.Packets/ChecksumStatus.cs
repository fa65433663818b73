namespace RustIds.Packets;

/// <summary>Outcome of checking a decoded packet's checksums; each failure is counted by kind.</summary>
public enum ChecksumStatus : byte
{
    Valid = 0,

    /// <summary>Not checked: a fragment (checked once reassembled), or a protocol without a checksum.</summary>
    NotChecked = 1,

    Ipv4HeaderInvalid = 2,
    TcpInvalid = 3,
    UdpInvalid = 4,
    IcmpInvalid = 5,
}
