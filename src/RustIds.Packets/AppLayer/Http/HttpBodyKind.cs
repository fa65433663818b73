namespace RustIds.Packets.AppLayer.Http;

/// <summary>How a message's body is delimited (RFC 9112 §6.3).</summary>
internal enum HttpBodyKind : byte
{
    None,
    Identity,
    Chunked,
    UntilClose,
    Tunnel,
    Interim,
}
