namespace RustIds.Rules.Buffers;

/// <summary>The app-layer event at which a rule's buffers are all available, so it is inspected then, once.</summary>
/// <remarks>Ordered: a later HTTP event still holds the buffers of the earlier ones of the same transaction.</remarks>
public enum TxEvent : byte
{
    /// <summary>No app-layer buffer: a packet rule.</summary>
    None,

    HttpRequestHeaders,
    HttpRequestComplete,
    HttpResponseHeaders,
    HttpResponseComplete,
    Dns,
    TlsClientHello,
    TlsServerHello,
    TlsCertificate,
    Ssh,
}
