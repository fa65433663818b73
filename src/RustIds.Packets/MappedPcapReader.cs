using System.Buffers.Binary;
using System.IO.MemoryMappedFiles;

namespace RustIds.Packets;

/// <summary>Reads a classic pcap file (either byte order, micro- or nanosecond timestamps) straight from a read-only memory map.</summary>
/// <remarks>
/// Frames are spans over the mapped file, so nothing is copied: libpcap reads each record through stdio into its own
/// buffer, two copies of every byte that also pushed the flow table out of the CPU caches. Records are checked as
/// libpcap checks them and failures use libpcap's wording, so a replay reports a damaged file the same either way.
/// pcapng and anything else stay with libpcap (<see cref="PcapFileSource"/> decides).
/// </remarks>
internal sealed unsafe class MappedPcapReader : IDisposable
{
    private const int FileHeaderBytes = 24;
    private const int RecordHeaderBytes = 16;
    private const uint MicrosecondMagic = 0xA1B2C3D4;
    private const uint NanosecondMagic = 0xA1B23C4D;

    /// <summary>libpcap's largest snapshot length for every link type it reads here (MAXIMUM_SNAPLEN).</summary>
    private const uint MaximumSnapLength = 262144;

    /// <summary>LINKTYPE_RAW in a file, DLT_RAW as libpcap on Linux hands it over.</summary>
    private const uint LinkTypeRaw = 101;

    private readonly MemoryMappedFile _file;
    private readonly MemoryMappedViewAccessor _view;
    private readonly byte* _start;
    private readonly long _length;
    private readonly bool _swapped;
    private readonly bool _nanosecond;
    private readonly uint _snapLength;
    private long _offset = FileHeaderBytes;
    private bool _disposed;

    private MappedPcapReader(MemoryMappedFile file, MemoryMappedViewAccessor view, byte* start, long length, bool swapped, bool nanosecond,
        uint snapLength, LinkType linkType)
    {
        _file = file;
        _view = view;
        _start = start;
        _length = length;
        _swapped = swapped;
        _nanosecond = nanosecond;
        _snapLength = snapLength;
        LinkType = linkType;
    }

    public LinkType LinkType { get; }

    /// <summary>After an error, libpcap's wording of it.</summary>
    public string? Error { get; private set; }

    /// <summary>True when <paramref name="header"/> (a file's first bytes) is a classic pcap header this reader takes.</summary>
    public static bool Recognises(ReadOnlySpan<byte> header) =>
        header.Length >= FileHeaderBytes && BinaryPrimitives.ReadUInt32LittleEndian(header) is MicrosecondMagic or NanosecondMagic
            or 0xD4C3B2A1 or 0x4D3CB2A1;

    /// <summary>Maps <paramref name="path"/>, whose first bytes <see cref="Recognises"/> accepted.</summary>
    public static MappedPcapReader Open(string path)
    {
        var file = MemoryMappedFile.CreateFromFile(path, FileMode.Open, mapName: null, capacity: 0, MemoryMappedFileAccess.Read);
        MemoryMappedViewAccessor? view = null;
        try
        {
            view = file.CreateViewAccessor(0, 0, MemoryMappedFileAccess.Read);
            byte* start = null;
            view.SafeMemoryMappedViewHandle.AcquirePointer(ref start);
            start += view.PointerOffset;
            var length = (long)view.SafeMemoryMappedViewHandle.ByteLength - view.PointerOffset;
            var header = new ReadOnlySpan<byte>(start, FileHeaderBytes);
            var magic = BinaryPrimitives.ReadUInt32LittleEndian(header);
            var swapped = magic is 0xD4C3B2A1 or 0x4D3CB2A1;
            var nanosecond = magic is NanosecondMagic or 0x4D3CB2A1;
            var snapLength = Read32(header[16..], swapped);
            // As libpcap: an absent or absurd snapshot length means the largest; the link type's top bits carry FCS details.
            if (snapLength is 0 or > MaximumSnapLength)
                snapLength = MaximumSnapLength;
            var linkType = Read32(header[20..], swapped) & 0x03FFFFFF;
            return new MappedPcapReader(file, view, start, length, swapped, nanosecond, snapLength,
                (LinkType)(linkType == LinkTypeRaw ? (uint)LinkType.RawDlt12 : linkType));
        }
        catch
        {
            view?.Dispose();
            file.Dispose();
            throw;
        }
    }

    /// <summary>The next record: 1 with a frame, 0 at the end of the file, -1 on a damaged record (see <see cref="Error"/>).</summary>
    public int Next(out RawFrame frame)
    {
        frame = default;
        ObjectDisposedException.ThrowIf(_disposed, this);
        var left = _length - _offset;
        if (left == 0)
            return 0;
        if (left < RecordHeaderBytes)
            return Fail($"truncated dump file; tried to read {RecordHeaderBytes} header bytes, only got {left}");
        var header = new ReadOnlySpan<byte>(_start + _offset, RecordHeaderBytes);
        var seconds = Read32(header, _swapped);
        var fraction = Read32(header[4..], _swapped);
        var captured = Read32(header[8..], _swapped);
        var wire = Read32(header[12..], _swapped);
        // libpcap 1.10 refuses a record only past the largest snapshot length, naming the file's snapshot length.
        if (captured > MaximumSnapLength)
            return Fail($"invalid packet capture length {captured}, bigger than snaplen of {_snapLength}");
        if (left - RecordHeaderBytes < captured)
            return Fail($"truncated dump file; tried to read {captured} captured bytes, only got {left - RecordHeaderBytes}");
        var data = new ReadOnlySpan<byte>(_start + _offset + RecordHeaderBytes, (int)Math.Min(captured, _snapLength));
        _offset += RecordHeaderBytes + captured;
        var fractionTicks = _nanosecond ? fraction / 100 : fraction * 10L;
        var ticks = DateTime.UnixEpoch.Ticks + (seconds * TimeSpan.TicksPerSecond) + fractionTicks;
        frame = new RawFrame(data, ticks, (int)Math.Min(wire, int.MaxValue));
        return 1;
    }

    public void Dispose()
    {
        if (_disposed)
            return;
        _disposed = true;
        _view.SafeMemoryMappedViewHandle.ReleasePointer();
        _view.Dispose();
        _file.Dispose();
    }

    private int Fail(string error)
    {
        Error = error;
        return -1;
    }

    private static uint Read32(ReadOnlySpan<byte> bytes, bool swapped) =>
        swapped ? BinaryPrimitives.ReadUInt32BigEndian(bytes) : BinaryPrimitives.ReadUInt32LittleEndian(bytes);
}
