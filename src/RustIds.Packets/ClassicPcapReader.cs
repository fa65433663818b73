using System.Buffers.Binary;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace RustIds.Packets;

/// <summary>Reads a classic pcap file (either byte order, micro- or nanosecond timestamps) in large reads into one buffer, handing out frames in place.</summary>
/// <remarks>
/// libpcap reads each record through stdio and copies it into a buffer of its own: two copies of every byte, the second
/// one (434 MB for the bench capture) a twentieth of a replay. Here the kernel copies a chunk of the file into this
/// reader's buffer and frames are spans over it, valid until the next read as libpcap's are. Chunks of
/// <see cref="ChunkBytes"/> keep the bytes in the CPU's second-level cache until they are decoded. Not a memory map:
/// on the team's VM the mapped file's page faults cost more than the copies saved (docs/packet-path.md). Records are
/// checked as libpcap checks them and failures use libpcap 1.10's wording, so a damaged file reads the same either way.
/// pcapng and anything else stay with libpcap (<see cref="PcapFileSource"/> decides).
/// </remarks>
internal sealed unsafe class ClassicPcapReader : IDisposable
{
    /// <summary>Bytes asked of the kernel per read.</summary>
    public const int ChunkBytes = 256 * 1024;

    private const int FileHeaderBytes = 24;
    private const int RecordHeaderBytes = 16;
    private const uint MicrosecondMagic = 0xA1B2C3D4;
    private const uint NanosecondMagic = 0xA1B23C4D;

    /// <summary>libpcap's largest snapshot length for every link type it reads here (MAXIMUM_SNAPLEN).</summary>
    private const uint MaximumSnapLength = 262144;

    /// <summary>LINKTYPE_RAW in a file, DLT_RAW as libpcap on Linux hands it over.</summary>
    private const uint LinkTypeRaw = 101;

    // A chunk, plus room for the largest record carried over from the one before.
    private const int BufferBytes = ChunkBytes + RecordHeaderBytes + (int)MaximumSnapLength;

    private readonly SafeFileHandle _file;
    private readonly bool _swapped;
    private readonly bool _nanosecond;
    private readonly uint _snapLength;
    private byte* _buffer;
    private int _start;
    private int _end;
    private long _fileOffset;

    private ClassicPcapReader(SafeFileHandle file, ReadOnlySpan<byte> header)
    {
        _file = file;
        var magic = BinaryPrimitives.ReadUInt32LittleEndian(header);
        _swapped = magic is 0xD4C3B2A1 or 0x4D3CB2A1;
        _nanosecond = magic is NanosecondMagic or 0x4D3CB2A1;
        var snapLength = Read32(header[16..], _swapped);
        // As libpcap: an absent or absurd snapshot length means the largest; the link type's top bits carry FCS details.
        _snapLength = snapLength is 0 or > MaximumSnapLength ? MaximumSnapLength : snapLength;
        var linkType = Read32(header[20..], _swapped) & 0x03FFFFFF;
        LinkType = (LinkType)(linkType == LinkTypeRaw ? (uint)LinkType.RawDlt12 : linkType);
        _fileOffset = FileHeaderBytes;
        _buffer = (byte*)NativeMemory.AlignedAlloc(BufferBytes, 64);
    }

    public LinkType LinkType { get; }

    /// <summary>After an error, libpcap's wording of it.</summary>
    public string? Error { get; private set; }

    /// <summary>True when <paramref name="header"/> (a file's first bytes) is a classic pcap header this reader takes.</summary>
    public static bool Recognises(ReadOnlySpan<byte> header) =>
        header.Length >= FileHeaderBytes && BinaryPrimitives.ReadUInt32LittleEndian(header) is MicrosecondMagic or NanosecondMagic
            or 0xD4C3B2A1 or 0x4D3CB2A1;

    /// <summary>A reader of <paramref name="file"/> when its first bytes are a classic pcap header, else null (the handle stays the caller's).</summary>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static ClassicPcapReader? TryOpen(SafeFileHandle file)
    {
        Span<byte> header = stackalloc byte[FileHeaderBytes];
        var read = RandomAccess.Read(file, header, 0);
        return read == FileHeaderBytes && Recognises(header) ? new ClassicPcapReader(file, header) : null;
    }

    /// <summary>The next record: 1 with a frame, 0 at the end of the file, -1 on a damaged record or a read error (see <see cref="Error"/>).</summary>
    public int Next(out RawFrame frame)
    {
        frame = default;
        ObjectDisposedException.ThrowIf(_buffer == null, this);
        if (!Fill(RecordHeaderBytes))
        {
            var left = _end - _start;
            return left == 0 && Error is null ? 0 : Fail($"truncated dump file; tried to read {RecordHeaderBytes} header bytes, only got {left}");
        }
        var header = new ReadOnlySpan<byte>(_buffer + _start, RecordHeaderBytes);
        var seconds = Read32(header, _swapped);
        var fraction = Read32(header[4..], _swapped);
        var captured = Read32(header[8..], _swapped);
        var wire = Read32(header[12..], _swapped);
        // libpcap 1.10 refuses a record only past the largest snapshot length, naming the file's snapshot length.
        if (captured > MaximumSnapLength)
            return Fail($"invalid packet capture length {captured}, bigger than snaplen of {_snapLength}");
        if (!Fill(RecordHeaderBytes + (int)captured))
            return Fail($"truncated dump file; tried to read {captured} captured bytes, only got {_end - _start - RecordHeaderBytes}");
        var data = new ReadOnlySpan<byte>(_buffer + _start + RecordHeaderBytes, (int)Math.Min(captured, _snapLength));
        _start += RecordHeaderBytes + (int)captured;
        var fractionTicks = _nanosecond ? fraction / 100 : fraction * 10L;
        var ticks = DateTime.UnixEpoch.Ticks + (seconds * TimeSpan.TicksPerSecond) + fractionTicks;
        frame = new RawFrame(data, ticks, (int)Math.Min(wire, int.MaxValue));
        return 1;
    }

    /// <summary>Makes at least <paramref name="bytes"/> unread bytes available from <c>_start</c>; false at the end of the file or on a read error.</summary>
    private bool Fill(int bytes)
    {
        if (_end - _start >= bytes)
            return true;
        // Carry the partial record to the front; it is at most a record header and the largest capture long.
        var left = _end - _start;
        Buffer.MemoryCopy(_buffer + _start, _buffer, BufferBytes, left);
        _start = 0;
        _end = left;
        while (_end < bytes)
        {
            int read;
            try
            {
                read = RandomAccess.Read(_file, new Span<byte>(_buffer + _end, Math.Max(ChunkBytes, bytes) - _end), _fileOffset);
            }
            catch (IOException ex)
            {
                Error = ex.Message;
                return false;
            }
            // A read error is reported once; the reader then stays at its end.

            if (read == 0)
                return false;
            _end += read;
            _fileOffset += read;
        }
        return true;
    }

    public void Dispose()
    {
        if (_buffer == null)
            return;
        NativeMemory.AlignedFree(_buffer);
        _buffer = null;
        _file.Dispose();
    }

    private int Fail(string error)
    {
        Error ??= error;
        return -1;
    }

    private static uint Read32(ReadOnlySpan<byte> bytes, bool swapped) =>
        swapped ? BinaryPrimitives.ReadUInt32BigEndian(bytes) : BinaryPrimitives.ReadUInt32LittleEndian(bytes);
}
