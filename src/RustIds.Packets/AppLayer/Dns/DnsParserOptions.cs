namespace RustIds.Packets.AppLayer.Dns;

/// <summary>Limits of the DNS parser; every buffer it keeps is sized from these.</summary>
/// <remarks>
/// The defaults keep every question and record of real traffic (a large response has a few dozen
/// records) while bounding what one hostile message costs: buffers are preallocated per
/// <see cref="DnsMessage"/> (about 225 KiB with the defaults: 64 KiB of message bytes plus 160 KiB of names; one per worker thread).
/// </remarks>
public sealed record DnsParserOptions
{
    /// <summary>Default options.</summary>
    public static DnsParserOptions Default { get; } = new();

    /// <summary>Questions kept per message (default 64); further ones are walked, not kept, and counted.</summary>
    public int MaxQuestions { get; init; } = 64;

    /// <summary>Records kept per section: answer, authority and additional each (default 64); further ones are walked, not kept, and counted.</summary>
    public int MaxRecordsPerSection { get; init; } = 64;

    /// <summary>Longest accepted name in wire form, length octets and root octet included (default 255).</summary>
    /// <remarks>
    /// RFC 1035 §2.3.4 caps names at 255 octets, so the dotted form has at most 253 characters. A longer
    /// name is <see cref="DnsParseStatus.NameTooLong"/>. Suricata accepts up to 1025 rendered bytes
    /// (dnsmasq's limit); raise this (up to 1025) to follow it.
    /// </remarks>
    public int MaxNameLength { get; init; } = 255;

    /// <summary>Compression pointers followed per name (default 16).</summary>
    /// <remarks>
    /// Loops are already impossible: each pointer must go strictly before the start of the name part
    /// being read. This cap only bounds the work per name. Compressors write one pointer per name to a
    /// suffix already written, so real chains are a handful deep. Suricata caps labels plus pointers at
    /// 255; Wireshark caps the bytes walked at the message length.
    /// </remarks>
    public int MaxCompressionPointers { get; init; } = 16;

    /// <summary>Largest DNS-over-TCP message buffered and parsed, in bytes (default 65,535, the most the 2-byte prefix can say).</summary>
    /// <remarks>Larger messages are skipped (their bytes are consumed, not buffered) and counted.</remarks>
    public int MaxTcpMessageBytes { get; init; } = 65535;

    /// <summary>Lists every invalid setting; empty when the options are usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (MaxQuestions is < 1 or > 4096)
            problems.Add($"{nameof(MaxQuestions)} must be between 1 and 4096 (was {MaxQuestions}).");
        if (MaxRecordsPerSection is < 1 or > 4096)
            problems.Add($"{nameof(MaxRecordsPerSection)} must be between 1 and 4096 (was {MaxRecordsPerSection}).");
        if (MaxNameLength is < 255 or > 1025)
            problems.Add($"{nameof(MaxNameLength)} must be between 255 and 1025 (was {MaxNameLength}).");
        if (MaxCompressionPointers is < 1 or > 127)
            problems.Add($"{nameof(MaxCompressionPointers)} must be between 1 and 127 (was {MaxCompressionPointers}).");
        if (MaxTcpMessageBytes is < 512 or > 65535)
            problems.Add($"{nameof(MaxTcpMessageBytes)} must be between 512 and 65535 (was {MaxTcpMessageBytes}).");
        return problems;
    }
}
