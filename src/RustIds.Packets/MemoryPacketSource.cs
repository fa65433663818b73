namespace RustIds.Packets;

/// <summary>Frames held in memory, for tests, benchmarks and replaying generated traffic.</summary>
/// <remarks>Reading allocates nothing; <see cref="Rewind()"/> replays the same frames again.</remarks>
public sealed class MemoryPacketSource : IPacketSource
{
    private readonly List<(byte[] Data, long TimestampTicks, int WireLength)> _frames = [];
    private int _next;
    private long _shiftTicks;

    public MemoryPacketSource(LinkType linkType = LinkType.Ethernet) => LinkType = linkType;

    public LinkType LinkType { get; }

    /// <summary>Always null: memory does not fail.</summary>
    public string? LastError => null;

    /// <summary>Number of frames held.</summary>
    public int Count => _frames.Count;

    /// <summary>Appends a frame; the array is kept, not copied. A zero <paramref name="wireLength"/> means the frame's length.</summary>
    public void Add(byte[] frame, long timestampTicks, int wireLength = 0)
    {
        ArgumentNullException.ThrowIfNull(frame);
        _frames.Add((frame, timestampTicks, wireLength == 0 ? frame.Length : wireLength));
    }

    /// <summary>Starts reading from the first frame again.</summary>
    public void Rewind() => _next = 0;

    /// <summary>Starts reading from the first frame again, every timestamp <paramref name="later"/> more than the last pass, as if the traffic came again then.</summary>
    /// <remarks>For state kept on packet time (flow timeouts, detector windows): the same timestamps again would send time backwards.</remarks>
    public void Rewind(TimeSpan later)
    {
        _next = 0;
        _shiftTicks += later.Ticks;
    }

    public PacketReadResult ReadNext(out RawFrame frame)
    {
        if (_next >= _frames.Count)
        {
            frame = default;
            return PacketReadResult.EndOfFile;
        }
        var (data, ticks, wireLength) = _frames[_next++];
        frame = new RawFrame(data, ticks + _shiftTicks, wireLength);
        return PacketReadResult.Packet;
    }

    public void Dispose()
    {
    }
}
