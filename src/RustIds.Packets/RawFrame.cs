namespace RustIds.Packets;

/// <summary>One captured frame as libpcap (or memory) handed it over: bytes, time and wire length.</summary>
/// <remarks><see cref="Data"/> views the source's buffer and is valid only until the next read.</remarks>
public readonly ref struct RawFrame
{
    public RawFrame(ReadOnlySpan<byte> data, long timestampTicks, int wireLength)
    {
        Data = data;
        TimestampTicks = timestampTicks;
        WireLength = wireLength;
    }

    /// <summary>The captured bytes (caplen of them), link layer included.</summary>
    public ReadOnlySpan<byte> Data { get; }

    /// <summary>Capture time in UTC ticks (100 ns) from the pcap header.</summary>
    public long TimestampTicks { get; }

    /// <summary>Length on the wire (pcap's len); larger than <see cref="Data"/> when the snap length cut the frame.</summary>
    public int WireLength { get; }
}
