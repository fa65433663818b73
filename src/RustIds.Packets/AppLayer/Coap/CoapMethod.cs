namespace RustIds.Packets.AppLayer.Coap;

/// <summary>CoAP request method: the detail of a class-0 code (RFC 7252 §12.1.1, RFC 8132).</summary>
public enum CoapMethod : byte
{
    /// <summary>Not a request (empty message, response, or unknown detail).</summary>
    None = 0,

    /// <summary>0.01 GET.</summary>
    Get = 1,

    /// <summary>0.02 POST.</summary>
    Post = 2,

    /// <summary>0.03 PUT.</summary>
    Put = 3,

    /// <summary>0.04 DELETE.</summary>
    Delete = 4,

    /// <summary>0.05 FETCH (RFC 8132).</summary>
    Fetch = 5,

    /// <summary>0.06 PATCH (RFC 8132).</summary>
    Patch = 6,

    /// <summary>0.07 iPATCH (RFC 8132).</summary>
    IPatch = 7,
}
