namespace RustIds.Packets.AppLayer.Http;

/// <summary>Content-based detection of HTTP/1.x from the first bytes of a direction.</summary>
/// <remarks>
/// To server: a known method and a space match at once; any other token method followed by a space matches when
/// the first line ends with an <c>HTTP/1.x</c> protocol (so <c>FOO / HTTP/1.1</c> is HTTP and a random word is not).
/// To client: <c>HTTP/1.</c>. Leading empty lines are skipped. Unknown direction tries both. Pure; thread-safe.
/// </remarks>
public static class HttpProbe
{
    private const int MaxMethodLength = 24;
    private const int MaxProbeLineLength = 2048;

    /// <summary>Says whether <paramref name="firstBytes"/> can start HTTP traffic in <paramref name="direction"/>.</summary>
    public static ProbeResult Probe(FlowDirection direction, ReadOnlySpan<byte> firstBytes)
    {
        int start = 0;
        while (start < firstBytes.Length && firstBytes[start] is (byte)'\r' or (byte)'\n')
        {
            start++;
        }

        var data = firstBytes[start..];
        if (data.IsEmpty)
        {
            return ProbeResult.NeedMoreData;
        }

        return direction switch
        {
            FlowDirection.ToServer => ProbeRequest(data),
            FlowDirection.ToClient => HttpMethods.MatchResponseStart(data),
            _ => Best(ProbeRequest(data), HttpMethods.MatchResponseStart(data)),
        };
    }

    private static ProbeResult Best(ProbeResult a, ProbeResult b) => a > b ? a : b;

    private static ProbeResult ProbeRequest(ReadOnlySpan<byte> data)
    {
        var known = HttpMethods.MatchRequestStart(data);
        if (known == ProbeResult.Match)
        {
            return known;
        }

        int method = 0;
        while (method < data.Length && method <= MaxMethodLength && HttpAscii.IsTokenChar(data[method]))
        {
            method++;
        }

        if (method == data.Length)
        {
            return method <= MaxMethodLength ? ProbeResult.NeedMoreData : ProbeResult.NoMatch;
        }

        if (method == 0 || method > MaxMethodLength || data[method] != (byte)' ')
        {
            return ProbeResult.NoMatch;
        }

        var rest = data[(method + 1)..];
        int lf = rest.IndexOf((byte)'\n');
        if (lf < 0)
        {
            return data.Length < MaxProbeLineLength ? ProbeResult.NeedMoreData : ProbeResult.NoMatch;
        }

        var line = HttpAscii.Trim(rest[..lf].TrimEnd((byte)'\r'));
        int lastSpace = line.LastIndexOf((byte)' ');
        return lastSpace > 0 && line[(lastSpace + 1)..].StartsWith("HTTP/1."u8) ? ProbeResult.Match : ProbeResult.NoMatch;
    }
}
