namespace RustIds.Packets.AppLayer.Tls;

/// <summary>Limits of the TLS handshake parser; every buffer it keeps is bounded by one of these.</summary>
/// <remarks>
/// The defaults fit every real client and server seen in practice (a browser ClientHello with a
/// post-quantum key share is about 1.8 KiB, certificate chains a few KiB) while bounding what a
/// hostile peer can make one flow hold.
/// </remarks>
public sealed record TlsParserOptions
{
    /// <summary>Default options.</summary>
    public static TlsParserOptions Default { get; } = new();

    /// <summary>Largest handshake message buffered for parsing, in bytes (default 65,536).</summary>
    /// <remarks>
    /// Only ClientHello, ServerHello and Certificate are buffered; other messages are skipped. A
    /// larger hello is skipped and counted; of a larger Certificate message the first this many
    /// bytes are parsed, which holds the leaf certificate of any sane chain.
    /// </remarks>
    public int MaxHandshakeMessageBytes { get; init; } = 65536;

    /// <summary>Largest accepted record length field, in bytes (default 18,432 = 2^14 + 2048).</summary>
    /// <remarks>RFC 5246 §6.2.3: TLSCiphertext.length must not exceed 2^14 + 2048. A longer record stops the direction.</remarks>
    public int MaxRecordBytes { get; init; } = 16384 + 2048;

    /// <summary>Entries kept per hello list: cipher suites, extensions, groups, signature algorithms, versions (default 512).</summary>
    /// <remarks>Beyond it entries are dropped and counted; JA3/JA4 are then computed over the kept entries.</remarks>
    public int MaxListEntries { get; init; } = 512;

    /// <summary>Bytes kept of the SNI host name (default 1,024; a DNS name has at most 253).</summary>
    public int MaxServerNameBytes { get; init; } = 1024;

    /// <summary>Bytes kept of the ALPN protocol list, in wire format (default 1,024).</summary>
    public int MaxAlpnBytes { get; init; } = 1024;

    /// <summary>Bytes of a rendered certificate subject or issuer (default 2,048); longer names are truncated and counted.</summary>
    public int MaxDistinguishedNameBytes { get; init; } = 2048;

    /// <summary>Serial number octets rendered (default 64; RFC 5280 §4.1.2.2 allows 20); longer serials are truncated and counted.</summary>
    public int MaxSerialOctets { get; init; } = 64;

    /// <summary>Compute JA3 for ClientHello and JA3S for ServerHello (default true).</summary>
    public bool EnableJa3 { get; init; } = true;

    /// <summary>Compute JA4 for ClientHello (default true).</summary>
    public bool EnableJa4 { get; init; } = true;

    /// <summary>Lists every invalid setting; empty when the options are usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (MaxHandshakeMessageBytes is < 1024 or > (1 << 24))
            problems.Add($"{nameof(MaxHandshakeMessageBytes)} must be between 1024 and 16777216 (was {MaxHandshakeMessageBytes}).");
        if (MaxRecordBytes is < 512 or > 65535)
            problems.Add($"{nameof(MaxRecordBytes)} must be between 512 and 65535 (was {MaxRecordBytes}).");
        if (MaxListEntries is < 16 or > 32768)
            problems.Add($"{nameof(MaxListEntries)} must be between 16 and 32768 (was {MaxListEntries}).");
        if (MaxServerNameBytes is < 16 or > 65535)
            problems.Add($"{nameof(MaxServerNameBytes)} must be between 16 and 65535 (was {MaxServerNameBytes}).");
        if (MaxAlpnBytes is < 16 or > 65535)
            problems.Add($"{nameof(MaxAlpnBytes)} must be between 16 and 65535 (was {MaxAlpnBytes}).");
        if (MaxDistinguishedNameBytes is < 64 or > 65535)
            problems.Add($"{nameof(MaxDistinguishedNameBytes)} must be between 64 and 65535 (was {MaxDistinguishedNameBytes}).");
        if (MaxSerialOctets is < 20 or > 1024)
            problems.Add($"{nameof(MaxSerialOctets)} must be between 20 and 1024 (was {MaxSerialOctets}).");
        return problems;
    }
}
