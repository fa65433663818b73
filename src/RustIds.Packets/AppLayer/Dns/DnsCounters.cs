namespace RustIds.Packets.AppLayer.Dns;

/// <summary>What the DNS parsers of one capture worker saw, as plain counters.</summary>
/// <remarks>
/// Problems are counted per occurrence (a message with two bad records adds two to
/// <see cref="BadRdata"/>). Not thread-safe: one writer thread (the worker); readers tolerate torn snapshots.
/// </remarks>
public sealed class DnsCounters
{
    /// <summary>Messages whose header was decoded (any status but <see cref="DnsParseStatus.TruncatedHeader"/>).</summary>
    public long Messages;

    /// <summary>Messages with the QR bit clear.</summary>
    public long Queries;

    /// <summary>Messages with the QR bit set.</summary>
    public long Responses;

    /// <summary>Questions walked but not kept (beyond <see cref="DnsParserOptions.MaxQuestions"/>).</summary>
    public long QuestionsDropped;

    /// <summary>Records walked but not kept (beyond <see cref="DnsParserOptions.MaxRecordsPerSection"/>).</summary>
    public long RecordsDropped;

    /// <summary>Messages with bytes after the last section (ignored, as Suricata does; not an error).</summary>
    public long TrailingBytes;

    /// <summary>Messages longer than 65,535 bytes; only the first 65,535 are parsed.</summary>
    public long OversizedMessages;

    /// <summary>Inputs shorter than the 12-byte header.</summary>
    public long TruncatedHeader;

    /// <summary>Messages that ended before the questions and records their counts announce.</summary>
    public long CountBeyondData;

    /// <summary>Records whose RDLENGTH runs past the message.</summary>
    public long RdLengthBeyondData;

    /// <summary>Label length octets of 0x40–0xBF.</summary>
    public long LabelTooLong;

    /// <summary>Names longer than <see cref="DnsParserOptions.MaxNameLength"/>.</summary>
    public long NameTooLong;

    /// <summary>Compression pointers to their own offset or later.</summary>
    public long ForwardPointer;

    /// <summary>Compression pointers back into the name part being read.</summary>
    public long PointerLoop;

    /// <summary>Compression pointers into the header.</summary>
    public long PointerIntoHeader;

    /// <summary>Names that needed more than <see cref="DnsParserOptions.MaxCompressionPointers"/> pointers.</summary>
    public long TooManyPointers;

    /// <summary>Records whose rdata does not fit its type.</summary>
    public long BadRdata;

    /// <summary>DNS-over-TCP messages framed by the length prefix (parsed or skipped).</summary>
    public long TcpMessages;

    /// <summary>DNS-over-TCP length prefixes of zero (skipped).</summary>
    public long TcpZeroLengthFrames;

    /// <summary>DNS-over-TCP messages longer than <see cref="DnsParserOptions.MaxTcpMessageBytes"/> (skipped).</summary>
    public long TcpOversizedMessages;

    /// <summary>Stream gaps reported; the partial message is dropped and framing is re-found by probing.</summary>
    public long TcpGaps;

    /// <summary>Directions that resumed after a gap because the next data probed as DNS.</summary>
    public long TcpResyncs;

    /// <summary>Data ignored after a gap because it did not probe as the start of a DNS message.</summary>
    public long TcpGapSkippedSegments;

    /// <summary>Data passed with <see cref="FlowDirection.Unknown"/>; ignored.</summary>
    public long UnknownDirection;

    /// <summary>Sum of the error counters (not the informational ones).</summary>
    public long Errors =>
        TruncatedHeader + CountBeyondData + RdLengthBeyondData + LabelTooLong + NameTooLong + ForwardPointer
        + PointerLoop + PointerIntoHeader + TooManyPointers + BadRdata + TcpOversizedMessages + UnknownDirection;

    internal void Count(DnsParseStatus status)
    {
        switch (status)
        {
            case DnsParseStatus.TruncatedHeader: TruncatedHeader++; break;
            case DnsParseStatus.CountBeyondData: CountBeyondData++; break;
            case DnsParseStatus.RdLengthBeyondData: RdLengthBeyondData++; break;
            case DnsParseStatus.LabelTooLong: LabelTooLong++; break;
            case DnsParseStatus.NameTooLong: NameTooLong++; break;
            case DnsParseStatus.ForwardPointer: ForwardPointer++; break;
            case DnsParseStatus.PointerLoop: PointerLoop++; break;
            case DnsParseStatus.PointerIntoHeader: PointerIntoHeader++; break;
            case DnsParseStatus.TooManyPointers: TooManyPointers++; break;
            case DnsParseStatus.BadRdata: BadRdata++; break;
        }
    }
}
