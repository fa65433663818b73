using System.Buffers.Binary;

namespace RustIds.Packets;

/// <summary>Writes classic pcap files (little-endian, version 2.4), in microsecond or nanosecond resolution.</summary>
/// <remarks>For tests and tools that generate captures; the live path never writes. Not thread-safe.</remarks>
public sealed class PcapFileWriter : IDisposable
{
    private const uint MicrosecondMagic = 0xa1b2c3d4;
    private const uint NanosecondMagic = 0xa1b23c4d;
    private const int HeaderLength = 24;
    private const int RecordHeaderLength = 16;

    private readonly Stream _stream;
    private readonly bool _nanosecond;
    private readonly bool _leaveOpen;

    /// <summary>Writes the file header at once.</summary>
    /// <param name="stream">Destination; written sequentially.</param>
    /// <param name="linkType">Link type recorded in the header (DLT_RAW aliases are written as LINKTYPE_RAW).</param>
    /// <param name="nanosecond">Use the nanosecond magic 0xa1b23c4d instead of 0xa1b2c3d4.</param>
    /// <param name="snapLength">Snap length recorded in the header.</param>
    /// <param name="leaveOpen">Keep <paramref name="stream"/> open on dispose.</param>
    public PcapFileWriter(Stream stream, LinkType linkType, bool nanosecond = false, int snapLength = 262144, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(stream);
        _stream = stream;
        _nanosecond = nanosecond;
        _leaveOpen = leaveOpen;
        var fileLinkType = linkType is LinkType.RawDlt12 or LinkType.RawDlt14 ? LinkType.Raw : linkType;
        Span<byte> header = stackalloc byte[HeaderLength];
        BinaryPrimitives.WriteUInt32LittleEndian(header, nanosecond ? NanosecondMagic : MicrosecondMagic);
        BinaryPrimitives.WriteUInt16LittleEndian(header[4..], 2);
        BinaryPrimitives.WriteUInt16LittleEndian(header[6..], 4);
        BinaryPrimitives.WriteInt32LittleEndian(header[8..], 0);
        BinaryPrimitives.WriteUInt32LittleEndian(header[12..], 0);
        BinaryPrimitives.WriteInt32LittleEndian(header[16..], snapLength);
        BinaryPrimitives.WriteUInt32LittleEndian(header[20..], (uint)fileLinkType);
        _stream.Write(header);
    }

    /// <summary>Creates (or truncates) a file and writes the header.</summary>
    public static PcapFileWriter Create(string path, LinkType linkType, bool nanosecond = false) =>
        new(File.Create(path), linkType, nanosecond);

    /// <summary>Appends one record. A zero <paramref name="wireLength"/> means the frame's own length.</summary>
    /// <param name="frame">Captured bytes.</param>
    /// <param name="timestampTicks">UTC ticks; must not be before 1970.</param>
    /// <param name="wireLength">Original length on the wire, at least the captured length.</param>
    public void WritePacket(ReadOnlySpan<byte> frame, long timestampTicks, int wireLength = 0)
    {
        var sinceEpoch = timestampTicks - DateTime.UnixEpoch.Ticks;
        ArgumentOutOfRangeException.ThrowIfNegative(sinceEpoch, nameof(timestampTicks));
        var seconds = sinceEpoch / TimeSpan.TicksPerSecond;
        var remainder = sinceEpoch % TimeSpan.TicksPerSecond;
        Span<byte> record = stackalloc byte[RecordHeaderLength];
        BinaryPrimitives.WriteUInt32LittleEndian(record, (uint)seconds);
        BinaryPrimitives.WriteUInt32LittleEndian(record[4..], (uint)(_nanosecond ? remainder * 100 : remainder / 10));
        BinaryPrimitives.WriteInt32LittleEndian(record[8..], frame.Length);
        BinaryPrimitives.WriteInt32LittleEndian(record[12..], Math.Max(wireLength, frame.Length));
        _stream.Write(record);
        _stream.Write(frame);
    }

    public void Dispose()
    {
        _stream.Flush();
        if (!_leaveOpen)
            _stream.Dispose();
    }
}
