namespace RustIds.Packets.AppLayer.Tls;

/// <summary>What the rule engine and EVE need of the leaf certificate of a TLS ≤ 1.2 Certificate message.</summary>
/// <remarks>
/// Text is rendered the way Suricata renders it (its x509-parser): names as
/// <c>C=US, O=Let's Encrypt, CN=R3</c> (RDNs joined by ", ", multi-valued RDNs by " + "), the serial
/// as upper-case colon-separated hex of the DER INTEGER's octets, the fingerprint as lower-case
/// colon-separated SHA-1 of the DER. Owned and overwritten by a <see cref="TlsWorkspace"/>: valid
/// only during <see cref="ITlsObserver.OnCertificate"/>. Not thread-safe.
/// </remarks>
public sealed class TlsCertificateInfo
{
    private readonly byte[] _subject;
    private readonly byte[] _issuer;
    private readonly byte[] _serial;
    private readonly byte[] _fingerprint = new byte[59];
    private readonly byte[] _chain;
    private readonly int[] _certificateStarts = new int[MaxChainCertificates];
    private readonly int[] _certificateLengths = new int[MaxChainCertificates];

    /// <summary>Chain certificates kept for <see cref="GetCertificate"/>; a longer chain keeps its first ones.</summary>
    public const int MaxChainCertificates = 16;

    internal TlsCertificateInfo(TlsParserOptions options)
    {
        _chain = new byte[options.MaxHandshakeMessageBytes];
        _subject = new byte[options.MaxDistinguishedNameBytes];
        _issuer = new byte[options.MaxDistinguishedNameBytes];
        _serial = new byte[options.MaxSerialOctets * 3];
    }

    /// <summary>X.509 version as written on the certificate (1, 2 or 3).</summary>
    public int X509Version { get; internal set; }

    /// <summary>Subject distinguished name (tls.cert_subject).</summary>
    public ReadOnlySpan<byte> Subject => _subject.AsSpan(0, SubjectLength);

    /// <summary>Issuer distinguished name (tls.cert_issuer).</summary>
    public ReadOnlySpan<byte> Issuer => _issuer.AsSpan(0, IssuerLength);

    /// <summary>Serial number, e.g. <c>00:AB:CD:EF</c> (tls.cert_serial).</summary>
    public ReadOnlySpan<byte> Serial => _serial.AsSpan(0, SerialLength);

    /// <summary>SHA-1 of the DER certificate, e.g. <c>4a:a3:...</c> (tls.cert_fingerprint).</summary>
    public ReadOnlySpan<byte> Fingerprint => _fingerprint;

    /// <summary>Start of validity, UTC ticks.</summary>
    public long NotBeforeTicks { get; internal set; }

    /// <summary>End of validity, UTC ticks.</summary>
    public long NotAfterTicks { get; internal set; }

    /// <summary>Length of the leaf certificate's DER encoding, in bytes.</summary>
    public int DerLength { get; internal set; }

    /// <summary>Certificates in the message's chain (counted within the buffered part of the message).</summary>
    public int ChainLength { get; internal set; }

    /// <summary>Certificates whose DER bytes <see cref="GetCertificate"/> returns (tls.certs), leaf first.</summary>
    public int CertificateCount { get; private set; }

    /// <summary>The DER encoding of chain certificate <paramref name="index"/> (0 is the leaf).</summary>
    public ReadOnlySpan<byte> GetCertificate(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, CertificateCount);
        return _chain.AsSpan(_certificateStarts[index], _certificateLengths[index]);
    }

    /// <summary>True when a name or the serial exceeded its limit and was cut.</summary>
    public bool Truncated { get; internal set; }

    internal int SubjectLength { get; set; }

    internal int IssuerLength { get; set; }

    internal int SerialLength { get; set; }

    internal Span<byte> SubjectBuffer => _subject;

    internal Span<byte> IssuerBuffer => _issuer;

    internal Span<byte> SerialBuffer => _serial;

    internal Span<byte> FingerprintBuffer => _fingerprint;

    /// <summary>Keeps a copy of the certificate list (24-bit length + DER, repeated) and indexes its certificates.</summary>
    internal void SetChain(ReadOnlySpan<byte> list)
    {
        var kept = list[..Math.Min(list.Length, _chain.Length)];
        kept.CopyTo(_chain);
        var count = 0;
        for (var offset = 0; offset + 3 <= kept.Length && count < MaxChainCertificates;)
        {
            var length = (kept[offset] << 16) | (kept[offset + 1] << 8) | kept[offset + 2];
            if (offset + 3 + length > kept.Length)
                break;
            _certificateStarts[count] = offset + 3;
            _certificateLengths[count] = length;
            count++;
            offset += 3 + length;
        }
        CertificateCount = count;
    }

    internal void Clear()
    {
        X509Version = 0;
        SubjectLength = 0;
        IssuerLength = 0;
        SerialLength = 0;
        NotBeforeTicks = 0;
        NotAfterTicks = 0;
        DerLength = 0;
        ChainLength = 0;
        CertificateCount = 0;
        Truncated = false;
    }
}
