namespace RustIds.Packets.AppLayer.Http;

/// <summary>Well-known request methods and the response prefix, used to detect and re-find HTTP messages.</summary>
internal static class HttpMethods
{
    /// <summary>Longest candidate the matcher needs to see, in bytes.</summary>
    public const int MaxCandidateLength = 16;

    // RFC 9110 methods plus the WebDAV (RFC 4918) and patch (RFC 5789) ones seen on real networks; each with its SP.
    private static readonly byte[][] Known =
    [
        "GET "u8.ToArray(), "POST "u8.ToArray(), "HEAD "u8.ToArray(), "PUT "u8.ToArray(), "DELETE "u8.ToArray(),
        "OPTIONS "u8.ToArray(), "TRACE "u8.ToArray(), "CONNECT "u8.ToArray(), "PATCH "u8.ToArray(),
        "PROPFIND "u8.ToArray(), "PROPPATCH "u8.ToArray(), "MKCOL "u8.ToArray(), "COPY "u8.ToArray(),
        "MOVE "u8.ToArray(), "LOCK "u8.ToArray(), "UNLOCK "u8.ToArray(), "SEARCH "u8.ToArray(),
        "REPORT "u8.ToArray(), "MERGE "u8.ToArray(), "NOTIFY "u8.ToArray(), "SUBSCRIBE "u8.ToArray(),
        "UNSUBSCRIBE "u8.ToArray(), "M-SEARCH "u8.ToArray(),
    ];

    /// <summary>How <paramref name="candidate"/> compares with a known method and its space.</summary>
    public static ProbeResult MatchRequestStart(ReadOnlySpan<byte> candidate)
    {
        var result = ProbeResult.NoMatch;
        foreach (byte[] method in Known)
        {
            if (candidate.Length >= method.Length)
            {
                if (candidate.StartsWith(method))
                {
                    return ProbeResult.Match;
                }
            }
            else if (method.AsSpan().StartsWith(candidate))
            {
                result = ProbeResult.NeedMoreData;
            }
        }

        return result;
    }

    /// <summary>How <paramref name="candidate"/> compares with <c>HTTP/1.</c>, the start of every response we parse.</summary>
    public static ProbeResult MatchResponseStart(ReadOnlySpan<byte> candidate)
    {
        var prefix = "HTTP/1."u8;
        if (candidate.Length >= prefix.Length)
        {
            return candidate.StartsWith(prefix) ? ProbeResult.Match : ProbeResult.NoMatch;
        }

        return prefix.StartsWith(candidate) ? ProbeResult.NeedMoreData : ProbeResult.NoMatch;
    }
}
