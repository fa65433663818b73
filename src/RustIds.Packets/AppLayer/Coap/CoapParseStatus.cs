namespace RustIds.Packets.AppLayer.Coap;

/// <summary>Outcome of parsing one CoAP datagram; every value but <see cref="Ok"/> is a message format error.</summary>
public enum CoapParseStatus : byte
{
    /// <summary>The datagram is a well-formed CoAP message.</summary>
    Ok = 0,

    /// <summary>Shorter than the 4-byte header.</summary>
    TooShort = 1,

    /// <summary>Version field is not 1 (RFC 7252 §3: other versions are silently ignored).</summary>
    BadVersion = 2,

    /// <summary>Token length 9–15, reserved (RFC 7252 §3).</summary>
    InvalidTokenLength = 3,

    /// <summary>The token, an option header or an option value runs past the end of the datagram.</summary>
    Truncated = 4,

    /// <summary>An option delta or length nibble is 15 without forming the payload marker (RFC 7252 §3.1).</summary>
    ReservedOptionNibble = 5,

    /// <summary>Option deltas add up past 65,535.</summary>
    OptionNumberTooLarge = 6,

    /// <summary>A payload marker with no payload after it (RFC 7252 §3).</summary>
    EmptyPayload = 7,

    /// <summary>Code 0.00 with a token, options or payload (RFC 7252 §4.1).</summary>
    InvalidEmptyMessage = 8,
}
