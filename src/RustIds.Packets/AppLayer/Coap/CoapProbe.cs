namespace RustIds.Packets.AppLayer.Coap;

/// <summary>Decides from one UDP datagram whether a flow carries CoAP.</summary>
public static class CoapProbe
{
    /// <summary>Matches a well-formed CoAP message whose code is empty, a request or a response.</summary>
    /// <param name="datagram">The first UDP payload of a direction.</param>
    /// <returns>
    /// <see cref="ProbeResult.Match"/> or <see cref="ProbeResult.NoMatch"/>; a datagram is complete, so
    /// <see cref="ProbeResult.NeedMoreData"/> is never returned. Never throws.
    /// </returns>
    /// <remarks>
    /// The header alone (version 1, token length ≤ 8) fits a quarter of random first bytes, so the
    /// whole option chain is walked as well; reserved code classes (1, 6, 7) do not match.
    /// </remarks>
    public static ProbeResult Probe(ReadOnlySpan<byte> datagram)
    {
        if (CoapMessageParser.ParseHeader(datagram, out _, out var tokenLength) != CoapParseStatus.Ok)
            return ProbeResult.NoMatch;
        var codeClass = datagram[1] >> 5;
        if (codeClass is 1 or 6 or 7)
            return ProbeResult.NoMatch;
        var reader = new CoapOptionReader(datagram, 4 + tokenLength);
        while (true)
        {
            if (reader.Next(out var hasOption) != CoapParseStatus.Ok)
                return ProbeResult.NoMatch;
            if (!hasOption)
                return ProbeResult.Match;
        }
    }
}
