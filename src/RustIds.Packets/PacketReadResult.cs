namespace RustIds.Packets;

/// <summary>What <see cref="IPacketSource.ReadNext"/> produced.</summary>
public enum PacketReadResult
{
    /// <summary>A frame was read.</summary>
    Packet = 0,

    /// <summary>No frame within the read timeout (live only); check cancellation and call again.</summary>
    Timeout = 1,

    /// <summary>End of the file, or a live capture stopped by <see cref="LiveCaptureSource.BreakLoop"/>.</summary>
    EndOfFile = 2,

    /// <summary>libpcap reported an error; <see cref="IPacketSource.LastError"/> says which.</summary>
    Error = 3,
}
