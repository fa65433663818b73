namespace RustIds.Packets.AppLayer.Dns;

/// <summary>Outcome of parsing one DNS message: <see cref="Ok"/> or the first problem found.</summary>
/// <remarks>
/// Structural problems (header, questions, record headers, owner names) stop the parse; rdata problems
/// mark the record invalid and parsing goes on, because RDLENGTH still frames the next record. Every
/// occurrence is counted by kind in <see cref="DnsCounters"/>.
/// </remarks>
public enum DnsParseStatus : byte
{
    /// <summary>Every section was decoded without a problem.</summary>
    Ok = 0,

    /// <summary>Fewer than the 12 header bytes (RFC 1035 §4.1.1); nothing was decoded.</summary>
    TruncatedHeader = 1,

    /// <summary>The bytes ended before every question and record announced by the header counts was read.</summary>
    CountBeyondData = 2,

    /// <summary>A record's RDLENGTH runs past the end of the message.</summary>
    RdLengthBeyondData = 3,

    /// <summary>A label length octet of 0x40–0xBF: longer than 63 bytes, or a reserved/extended label type (RFC 6891 §5).</summary>
    LabelTooLong = 4,

    /// <summary>A name longer than <see cref="DnsParserOptions.MaxNameLength"/> wire bytes (RFC 1035 §2.3.4: 255).</summary>
    NameTooLong = 5,

    /// <summary>A compression pointer to its own offset or later (RFC 1035 §4.1.4 allows only prior occurrences).</summary>
    ForwardPointer = 6,

    /// <summary>A compression pointer back into the part of the name being read, which would loop.</summary>
    PointerLoop = 7,

    /// <summary>A compression pointer into the 12-byte header, where no name can start.</summary>
    PointerIntoHeader = 8,

    /// <summary>A name followed more than <see cref="DnsParserOptions.MaxCompressionPointers"/> pointers.</summary>
    TooManyPointers = 9,

    /// <summary>Rdata of a decoded type does not fit its RDLENGTH (A not 4 bytes, AAAA not 16, MX/SRV/SOA/TXT/name overruns).</summary>
    BadRdata = 10,
}
