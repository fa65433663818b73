namespace RustIds.Packets.AppLayer.Coap;

/// <summary>CoAP message type, bits 4–5 of the first header byte (RFC 7252 §3, §4.2–4.3).</summary>
public enum CoapType : byte
{
    /// <summary>Confirmable (CON): needs an acknowledgement.</summary>
    Confirmable = 0,

    /// <summary>Non-confirmable (NON).</summary>
    NonConfirmable = 1,

    /// <summary>Acknowledgement (ACK).</summary>
    Acknowledgement = 2,

    /// <summary>Reset (RST).</summary>
    Reset = 3,
}
