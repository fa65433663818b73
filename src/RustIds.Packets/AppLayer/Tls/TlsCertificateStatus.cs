namespace RustIds.Packets.AppLayer.Tls;

/// <summary>Outcome of decoding a Certificate handshake message.</summary>
internal enum TlsCertificateStatus : byte
{
    /// <summary>The leaf certificate was decoded.</summary>
    Ok = 0,

    /// <summary>The certificate_list is empty (allowed, nothing to report).</summary>
    Empty = 1,

    /// <summary>The leaf does not fit in the buffered prefix of an oversized message (already counted as oversized).</summary>
    Truncated = 2,

    /// <summary>Lengths or DER are invalid.</summary>
    Malformed = 3,
}
