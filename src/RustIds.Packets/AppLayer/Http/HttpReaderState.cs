namespace RustIds.Packets.AppLayer.Http;

/// <summary>Where a direction's byte stream is in the HTTP message grammar.</summary>
internal enum HttpReaderState : byte
{
    /// <summary>Between messages: empty lines and leading whitespace are skipped.</summary>
    Idle,
    StartLine,
    Headers,
    BodyIdentity,
    BodyUntilClose,
    ChunkSize,
    ChunkData,
    ChunkDataEnd,
    Trailers,

    /// <summary>After a gap: skipping to a line that starts a message.</summary>
    Resync,

    /// <summary>After a CONNECT request, until its response says whether a tunnel follows.</summary>
    ConnectWait,

    /// <summary>Opaque tunnel (101, CONNECT): bytes are ignored.</summary>
    Tunnel,

    /// <summary>Not HTTP or unrecoverable framing: bytes are ignored until reset.</summary>
    Dead,

    /// <summary>The direction ended (FIN).</summary>
    Closed,
}
