namespace RustIds.Packets.AppLayer.Tls;

/// <summary>What the TLS parsers of one capture worker saw, as plain counters.</summary>
/// <remarks>Not thread-safe: one writer thread (the worker); readers tolerate torn snapshots.</remarks>
public sealed class TlsCounters
{
    /// <summary>ClientHello messages parsed.</summary>
    public long ClientHellos;

    /// <summary>ServerHello messages parsed (HelloRetryRequest included).</summary>
    public long ServerHellos;

    /// <summary>Leaf certificates parsed from TLS ≤ 1.2 Certificate messages.</summary>
    public long Certificates;

    /// <summary>Handshake messages seen (all types, parsed or skipped).</summary>
    public long HandshakeMessages;

    /// <summary>Directions that stopped because the rest is encrypted (ChangeCipherSpec, application data, TLS 1.3 after ServerHello); not an error.</summary>
    public long EncryptedStops;

    /// <summary>Directions that stopped because of a stream gap (lost bytes); record boundaries cannot be recovered.</summary>
    public long Gaps;

    /// <summary>Records with an unknown content type or a version that is not 3.x; the direction stops.</summary>
    public long InvalidRecords;

    /// <summary>Records longer than <see cref="TlsParserOptions.MaxRecordBytes"/>; the direction stops.</summary>
    public long OversizedRecords;

    /// <summary>SSLv2-format records (not parsed); the direction stops.</summary>
    public long Sslv2Records;

    /// <summary>Interesting handshake messages longer than <see cref="TlsParserOptions.MaxHandshakeMessageBytes"/>.</summary>
    public long OversizedMessages;

    /// <summary>ClientHello messages whose fields or extensions do not fit their lengths.</summary>
    public long MalformedClientHellos;

    /// <summary>ServerHello messages whose fields or extensions do not fit their lengths.</summary>
    public long MalformedServerHellos;

    /// <summary>Certificate messages or leaf certificates whose structure or DER is invalid.</summary>
    public long MalformedCertificates;

    /// <summary>Known hello extensions whose content does not fit its lengths (skipped; the hello is still delivered).</summary>
    public long MalformedExtensions;

    /// <summary>Hello lists, SNI or ALPN longer than their configured limits (kept truncated).</summary>
    public long TruncatedFields;

    /// <summary>Certificate names or serials longer than their configured limits (kept truncated).</summary>
    public long TruncatedCertificateFields;

    /// <summary>Data passed with <see cref="FlowDirection.Unknown"/>; ignored.</summary>
    public long UnknownDirection;

    /// <summary>Sum of the error counters (not the informational ones).</summary>
    public long Errors =>
        InvalidRecords + OversizedRecords + Sslv2Records + OversizedMessages + MalformedClientHellos
        + MalformedServerHellos + MalformedExtensions + MalformedCertificates + TruncatedFields + TruncatedCertificateFields + UnknownDirection;
}
