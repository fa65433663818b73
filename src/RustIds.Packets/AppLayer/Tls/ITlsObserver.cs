namespace RustIds.Packets.AppLayer.Tls;

/// <summary>Receives what the TLS parser decoded from a flow's handshake.</summary>
/// <remarks>
/// The objects passed are owned by the parser's <see cref="TlsWorkspace"/> and are overwritten by
/// the next message: copy what must outlive the call. Called on the worker thread, inside
/// <see cref="TlsParser.Parse"/>.
/// </remarks>
public interface ITlsObserver
{
    /// <summary>A ClientHello was parsed, with its JA3 and JA4 fingerprints.</summary>
    void OnClientHello(TlsClientHello hello);

    /// <summary>A ServerHello (or HelloRetryRequest) was parsed, with its JA3S fingerprint.</summary>
    void OnServerHello(TlsServerHello hello);

    /// <summary>The first (leaf) certificate of a TLS ≤ 1.2 Certificate message was parsed.</summary>
    void OnCertificate(TlsCertificateInfo certificate);
}
