using System.Runtime.InteropServices;
using RustIds.Packets.Interop;

namespace RustIds.Packets;

/// <summary>Reads a pcap or pcapng file through libpcap, with nanosecond timestamps.</summary>
/// <remarks>
/// Not thread-safe; one reader thread. Frames view libpcap's buffer until the next read. The file is opened here and
/// handed to libpcap with a <see cref="ReadBufferBytes"/> stdio buffer: with stdio's default (the file system's 4 KiB
/// block) a 434 MB capture took 106,000 read calls, which cost a replay about as much time as decoding.
/// </remarks>
public sealed unsafe class PcapFileSource : IPacketSource
{
    /// <summary>The stdio buffer libpcap reads the file through.</summary>
    public const int ReadBufferBytes = 1 << 20;

    private readonly PcapHandle _handle;
    // Referenced for the source's whole life, so each frame calls libpcap on the raw pointer.
    private readonly nint _rawHandle;
    private bool _referenced;
    private void* _readBuffer;

    private PcapFileSource(PcapHandle handle, void* readBuffer, string path)
    {
        _handle = handle;
        _handle.DangerousAddRef(ref _referenced);
        _rawHandle = _handle.DangerousGetHandle();
        _readBuffer = readBuffer;
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
        var file = LibC.OpenFile(path, "rb");
        if (file == 0)
        {
            // libpcap's own wording for an unreadable file: "PATH: strerror".
            var reason = $"{path}: {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}";
            throw new PcapException($"Cannot read capture file '{path}': {reason}", path, LibPcap.Error, isTransient: false);
        }
        var readBuffer = NativeMemory.Alloc(ReadBufferBytes);
        LibC.SetBuffer(file, readBuffer, LibC.FullyBuffered, ReadBufferBytes);
        var errorBuffer = stackalloc byte[LibPcap.ErrorBufferSize];
        errorBuffer[0] = 0;
        var handle = LibPcap.FileOpenOfflineWithTimestampPrecision(file, LibPcap.TimestampPrecisionNano, errorBuffer);
        if (handle.IsInvalid)
        {
            handle.Dispose();
            LibC.CloseFile(file);
            NativeMemory.Free(readBuffer);
            var reason = LibPcap.FromNative(errorBuffer);
            throw new PcapException($"Cannot read capture file '{path}': {reason}", path, LibPcap.Error, isTransient: false);
        }
        return new PcapFileSource(handle, readBuffer, path);
    }

    public PacketReadResult ReadNext(out RawFrame frame)
    {
        ObjectDisposedException.ThrowIf(_handle.IsClosed, this);
        var status = PcapFrameReader.Next(_rawHandle, nanosecond: true, out frame);
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

    public void Dispose()
    {
        // pcap_close closes the FILE, which must not outlive its buffer.
        if (_referenced)
        {
            _handle.DangerousRelease();
            _referenced = false;
        }
        _handle.Dispose();
        NativeMemory.Free(_readBuffer);
        _readBuffer = null;
    }
}
