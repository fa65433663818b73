namespace RustIds.Packets.AppLayer.Coap;

/// <summary>Option numbers the parser decodes (RFC 7252 §5.10).</summary>
internal static class CoapOptionNumbers
{
    public const int UriHost = 3;
    public const int UriPort = 7;
    public const int UriPath = 11;
    public const int ContentFormat = 12;
    public const int UriQuery = 15;
    public const int Accept = 17;
}
