namespace RustIds.Packets.AppLayer.Tls;

/// <summary>Decides from the first bytes of a direction whether a flow carries TLS.</summary>
public static class TlsProbe
{
    /// <summary>Matches a handshake record (type 22, version 3.x, plausible length) that starts with a ClientHello or ServerHello.</summary>
    /// <param name="firstBytes">The first bytes of one direction of the stream.</param>
    /// <returns><see cref="ProbeResult.NeedMoreData"/> while fewer than 6 bytes fit; never throws.</returns>
    public static ProbeResult Probe(ReadOnlySpan<byte> firstBytes)
    {
        if (firstBytes.IsEmpty)
            return ProbeResult.NeedMoreData;
        if (firstBytes[0] != TlsConstants.ContentHandshake)
            return ProbeResult.NoMatch;
        if (firstBytes.Length < 2)
            return ProbeResult.NeedMoreData;
        if (firstBytes[1] != 3)
            return ProbeResult.NoMatch;
        if (firstBytes.Length < 3)
            return ProbeResult.NeedMoreData;
        if (firstBytes[2] > 4)
            return ProbeResult.NoMatch;
        if (firstBytes.Length < 5)
            return ProbeResult.NeedMoreData;
        var length = (firstBytes[3] << 8) | firstBytes[4];
        if (length < 4 || length > 16384 + 2048)
            return ProbeResult.NoMatch;
        if (firstBytes.Length < 6)
            return ProbeResult.NeedMoreData;
        return firstBytes[5] is TlsConstants.HandshakeClientHello or TlsConstants.HandshakeServerHello
            ? ProbeResult.Match
            : ProbeResult.NoMatch;
    }
}
