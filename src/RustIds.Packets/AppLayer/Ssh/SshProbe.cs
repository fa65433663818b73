namespace RustIds.Packets.AppLayer.Ssh;

/// <summary>Decides from the first bytes of a direction whether a flow carries SSH.</summary>
public static class SshProbe
{
    /// <summary>Matches an identification line start: <c>SSH-</c> followed by a digit (RFC 4253 §4.2).</summary>
    /// <param name="firstBytes">The first bytes of one direction of the stream.</param>
    /// <returns>
    /// <see cref="ProbeResult.NeedMoreData"/> while fewer than 5 bytes are a prefix of a banner; never throws.
    /// </returns>
    /// <remarks>
    /// A server that sends lines before its banner is not matched from that direction; the client
    /// side, which must start with the banner, is the reliable one.
    /// </remarks>
    public static ProbeResult Probe(ReadOnlySpan<byte> firstBytes)
    {
        var prefix = "SSH-"u8;
        var compared = Math.Min(prefix.Length, firstBytes.Length);
        if (!firstBytes[..compared].SequenceEqual(prefix[..compared]))
            return ProbeResult.NoMatch;
        if (firstBytes.Length <= prefix.Length)
            return ProbeResult.NeedMoreData;
        return firstBytes[prefix.Length] is >= (byte)'0' and <= (byte)'9' ? ProbeResult.Match : ProbeResult.NoMatch;
    }
}
