using RustIds.Packets.Interop;

namespace RustIds.Packets;

/// <summary>Reads a pcap or pcapng file through libpcap, with nanosecond timestamps.</summary>
/// <remarks>Not thread-safe; one reader thread. Frames view libpcap's buffer until the next read.</remarks>
public sealed unsafe class PcapFileSource : IPacketSource
{
    private readonly PcapHandle _handle;

    private PcapFileSource(PcapHandle handle, string path)
    {
        _handle = handle;
        Path = path;
        LinkType = (LinkType)LibPcap.DataLink(handle);
    }

    /// <summary>The file being read.</summary>
    public string Path { get; }

    public LinkType LinkType { get; }

    public string? LastError { get; private set; }

    /// <summary>Opens <paramref name="path"/>; throws <see cref="PcapException"/> with the path and libpcap's reason on failure.</summary>
    public static PcapFileSource Open(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        LibPcap.EnsureLoaded();
        var errorBuffer = stackalloc byte[LibPcap.ErrorBufferSize];
        errorBuffer[0] = 0;
        var handle = LibPcap.OpenOfflineWithTimestampPrecision(path, LibPcap.TimestampPrecisionNano, errorBuffer);
        if (handle.IsInvalid)
        {
            handle.Dispose();
            var reason = LibPcap.FromNative(errorBuffer);
            throw new PcapException($"Cannot read capture file '{path}': {reason}", path, LibPcap.Error, isTransient: false);
        }
        return new PcapFileSource(handle, path);
    }

    public PacketReadResult ReadNext(out RawFrame frame)
    {
        ObjectDisposedException.ThrowIf(_handle.IsClosed, this);
        var status = PcapFrameReader.Next(_handle, nanosecond: true, out frame);
        switch (status)
        {
            case 1:
                return PacketReadResult.Packet;
            case LibPcap.ErrorBreak:
                return PacketReadResult.EndOfFile;
            default:
                LastError = $"{Path}: {PcapFrameReader.ErrorText(_handle)}";
                return PacketReadResult.Error;
        }
    }

    public void Dispose() => _handle.Dispose();
}
