using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;
using RustIds.Packets.Interop;

namespace RustIds.Packets;

/// <summary>Reads a pcap or pcapng file, with nanosecond timestamps: classic pcap by <see cref="ClassicPcapReader"/>, anything else through libpcap.</summary>
/// <remarks>
/// Not thread-safe; one reader thread. Frames view the source's memory until the next read. Classic pcap, the common
/// replay format, is read without libpcap's per-record copy; pcapng and whatever else libpcap knows go to libpcap, which
/// gets the file with a <see cref="ReadBufferBytes"/> stdio buffer: with stdio's default (the file system's 4 KiB
/// block) a 434 MB capture took 106,000 read calls, which cost a replay about as much time as decoding. A file that
/// cannot be opened goes to libpcap too, so its error reads as libpcap words it.
/// </remarks>
public sealed unsafe class PcapFileSource : IPacketSource
{
    /// <summary>The stdio buffer libpcap reads the file through.</summary>
    public const int ReadBufferBytes = 1 << 20;

    private readonly ClassicPcapReader? _classic;
    private readonly PcapHandle? _handle;
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

    private PcapFileSource(ClassicPcapReader classic, string path)
    {
        _classic = classic;
        Path = path;
        LinkType = classic.LinkType;
    }

    /// <summary>The file being read.</summary>
    public string Path { get; }

    public LinkType LinkType { get; }

    public string? LastError { get; private set; }

    /// <summary>Opens <paramref name="path"/>; throws <see cref="PcapException"/> with the path and libpcap's reason on failure.</summary>
    public static PcapFileSource Open(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var classic = TryOpenClassic(path);
        return classic is null ? OpenWithLibpcap(path) : new PcapFileSource(classic, path);
    }

    /// <summary>Opens <paramref name="path"/> through libpcap whatever its format (pcapng, or to compare the two readers).</summary>
    internal static PcapFileSource OpenWithLibpcap(string path)
    {
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
        if (_classic is not null)
        {
            var next = _classic.Next(out frame);
            if (next > 0)
                return PacketReadResult.Packet;
            if (next == 0)
                return PacketReadResult.EndOfFile;
            LastError = $"{Path}: {_classic.Error}";
            return PacketReadResult.Error;
        }
        ObjectDisposedException.ThrowIf(_handle!.IsClosed, this);
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

    /// <summary>A classic pcap reader of <paramref name="path"/>, or null for libpcap (another format, or a file it cannot open).</summary>
    private static ClassicPcapReader? TryOpenClassic(string path)
    {
        SafeFileHandle? file = null;
        try
        {
            file = File.OpenHandle(path);
            var reader = ClassicPcapReader.TryOpen(file);
            if (reader is null)
                file.Dispose();
            return reader;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            file?.Dispose();
            return null;
        }
    }

    public void Dispose()
    {
        _classic?.Dispose();
        // pcap_close closes the FILE, which must not outlive its buffer.
        if (_referenced)
        {
            _handle!.DangerousRelease();
            _referenced = false;
        }
        _handle?.Dispose();
        NativeMemory.Free(_readBuffer);
        _readBuffer = null;
    }
}
