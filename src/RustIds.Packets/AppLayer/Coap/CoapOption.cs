namespace RustIds.Packets.AppLayer.Coap;

/// <summary>One option of a parsed CoAP message: its number and where its value lies in the datagram.</summary>
/// <param name="Number">Option number (RFC 7252 §5.10), the running sum of the deltas.</param>
/// <param name="ValueOffset">Offset of the value from the start of the datagram that was parsed.</param>
/// <param name="ValueLength">Length of the value, in bytes.</param>
public readonly record struct CoapOption(ushort Number, int ValueOffset, int ValueLength);
