namespace RustIds.Packets.AppLayer.Http;

/// <summary>Builds Suricata's <c>http.uri</c> (normalized URI) from <c>http.uri.raw</c>, and the normalized host.</summary>
/// <remarks>
/// <para>Follows libhtp with Suricata's default configuration (personality <c>IDS</c>, <c>path-convert-lowercase</c> off,
/// <c>uri-include-all</c> off, no double decoding). The raw URI is split into scheme, authority, path, query and
/// fragment (libhtp <c>htp_parse_uri</c>); the result is <c>path ["?" query] ["#" fragment]</c> — scheme and authority of an
/// absolute URI are left out.</para>
/// <para>Path, in order:</para>
/// <list type="number">
/// <item><c>%HH</c> is decoded, including <c>%2f</c> and <c>%5c</c> (path separators are decoded) and <c>%00</c> (kept as a NUL byte;
/// NUL does not terminate). <c>%uHHHH</c> is decoded: <c>%u00HH</c> gives byte HH, other code points go through best fit
/// (<see cref="HttpBestFit"/>). An invalid escape (<c>%</c> without two hex digits, <c>%u</c> without four) keeps the
/// <c>%</c> and decoding continues with the next byte (<c>PRESERVE_PERCENT</c>).</item>
/// <item>Every <c>\</c>, raw or decoded, becomes <c>/</c>; runs of <c>/</c> are compressed to one. <c>+</c> stays <c>+</c>; case is kept.</item>
/// <item>The decoded bytes are read as UTF-8, overlong forms allowed, and each character becomes one byte by best fit
/// (so <c>%c0%af</c> becomes <c>/</c>, <c>%c3%a9</c> becomes byte E9). An invalid sequence becomes <c>?</c>. libhtp drops a
/// sequence cut off by the end of the path; we write <c>?</c> instead so bytes never silently vanish.</item>
/// <item>Dot segments are removed the way libhtp-rs does (RFC 3986 §5.2.4 on <c>/</c>-separated segments): <c>.</c> segments are
/// dropped, <c>..</c> drops the previous segment but never climbs above the root. As in libhtp, a trailing <c>/.</c> or
/// <c>/..</c> leaves no trailing slash (<c>/a/b/..</c> gives <c>/a</c>; <c>/..</c> gives an empty path).</item>
/// </list>
/// <para>Query and fragment: <c>%HH</c> and <c>%uHHHH</c> are decoded the same way, invalid escapes keep the <c>%</c>, <c>+</c> is not
/// turned into a space (Suricata disables plus-space decoding), nothing else changes.</para>
/// <para>Deviation: a scheme is only recognised when the bytes before the first <c>:</c> are RFC 3986 scheme characters, so a
/// relative URI with a colon in its query is not misread as <c>scheme:authority</c>.</para>
/// <para>The output is never longer than the input. Pure function; thread-safe.</para>
/// </remarks>
public static class HttpUriNormalizer
{
    /// <summary>Writes the normalized form of <paramref name="rawUri"/> to <paramref name="destination"/> and returns its length.</summary>
    /// <param name="rawUri">The request-target as sent.</param>
    /// <param name="destination">At least <c>rawUri.Length</c> bytes.</param>
    /// <param name="flags">What the normalization found (evasion indicators).</param>
    public static int Normalize(ReadOnlySpan<byte> rawUri, Span<byte> destination, out HttpUriFlags flags)
    {
        if (destination.Length < rawUri.Length)
        {
            throw new ArgumentException("The destination must be at least as long as the raw URI.", nameof(destination));
        }

        flags = HttpUriFlags.None;
        Split(rawUri, out int pathStart, out int queryStart, out int fragmentStart, out _, out _);
        int pathEnd = queryStart >= 0 ? queryStart - 1 : fragmentStart >= 0 ? fragmentStart - 1 : rawUri.Length;
        if (pathStart > 0)
        {
            flags |= HttpUriFlags.Absolute;
        }

        int written = DecodePath(rawUri[pathStart..pathEnd], destination, ref flags);
        written = DecodeUtf8BestFit(destination[..written], ref flags);
        written = RemoveDotSegments(destination[..written]);
        if (queryStart >= 0)
        {
            int queryEnd = fragmentStart >= 0 ? fragmentStart - 1 : rawUri.Length;
            destination[written++] = (byte)'?';
            written += DecodeComponent(rawUri[queryStart..queryEnd], destination[written..], ref flags);
        }

        if (fragmentStart >= 0)
        {
            destination[written++] = (byte)'#';
            written += DecodeComponent(rawUri[fragmentStart..], destination[written..], ref flags);
        }

        return written;
    }

    /// <summary>Finds the authority (host and optional port, no user info) of an absolute URI.</summary>
    public static bool TryGetAuthority(ReadOnlySpan<byte> rawUri, out int offset, out int length)
    {
        Split(rawUri, out _, out _, out _, out offset, out length);
        return length >= 0;
    }

    /// <summary>Writes the host of a <c>host[:port]</c> value lowercased, port and trailing dots removed (libhtp hostname normalization).</summary>
    /// <param name="hostPort">A Host header value or URI authority.</param>
    /// <param name="destination">At least <c>hostPort.Length</c> bytes.</param>
    public static int NormalizeHost(ReadOnlySpan<byte> hostPort, Span<byte> destination)
    {
        var value = HttpAscii.Trim(hostPort);
        int end;
        if (!value.IsEmpty && value[0] == (byte)'[')
        {
            int close = value.IndexOf((byte)']');
            end = close < 0 ? value.Length : close + 1;
        }
        else
        {
            int colon = value.IndexOf((byte)':');
            end = colon < 0 ? value.Length : colon;
            while (end > 0 && HttpAscii.IsWhitespace(value[end - 1]))
            {
                end--;
            }
        }

        while (end > 0 && value[end - 1] == (byte)'.')
        {
            end--;
        }

        for (int i = 0; i < end; i++)
        {
            destination[i] = HttpAscii.ToLower(value[i]);
        }

        return end;
    }

    private static void Split(ReadOnlySpan<byte> uri, out int pathStart, out int queryStart, out int fragmentStart, out int authorityStart, out int authorityLength)
    {
        int pos = 0;
        authorityStart = 0;
        authorityLength = -1;
        if (!uri.IsEmpty && uri[0] != (byte)'/')
        {
            int colon = SchemeEnd(uri);
            if (colon > 0)
            {
                pos = colon + 1;
                if (pos + 2 < uri.Length && uri[pos] == (byte)'/' && uri[pos + 1] == (byte)'/' && uri[pos + 2] != (byte)'/')
                {
                    int start = pos + 2;
                    pos = start;
                    while (pos < uri.Length && uri[pos] is not ((byte)'?' or (byte)'/' or (byte)'#'))
                    {
                        pos++;
                    }

                    int at = uri[start..pos].LastIndexOf((byte)'@');
                    authorityStart = at < 0 ? start : start + at + 1;
                    authorityLength = pos - authorityStart;
                }
            }
        }

        pathStart = pos;
        queryStart = -1;
        fragmentStart = -1;
        int stop = uri[pos..].IndexOfAny((byte)'?', (byte)'#');
        if (stop < 0)
        {
            return;
        }

        stop += pos;
        if (uri[stop] == (byte)'?')
        {
            queryStart = stop + 1;
            int hash = uri[queryStart..].IndexOf((byte)'#');
            fragmentStart = hash < 0 ? -1 : queryStart + hash + 1;
        }
        else
        {
            fragmentStart = stop + 1;
        }
    }

    // RFC 3986 §3.1: scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ), ended by ':'.
    private static int SchemeEnd(ReadOnlySpan<byte> uri)
    {
        for (int i = 0; i < uri.Length; i++)
        {
            byte b = uri[i];
            if (b == (byte)':')
            {
                return i;
            }

            bool alpha = (b | 0x20) >= (byte)'a' && (b | 0x20) <= (byte)'z';
            if (!alpha && (i == 0 || !((b >= (byte)'0' && b <= (byte)'9') || b is (byte)'+' or (byte)'-' or (byte)'.')))
            {
                return -1;
            }
        }

        return -1;
    }

    private static int DecodePath(ReadOnlySpan<byte> path, Span<byte> output, ref HttpUriFlags flags)
    {
        int written = 0;
        bool previousSlash = false;
        int read = 0;
        while (read < path.Length)
        {
            int c = DecodeOne(path, ref read, ref flags, path: true);
            if (c == '\\')
            {
                c = '/';
                flags |= HttpUriFlags.Backslash;
            }

            if (c == '/')
            {
                if (previousSlash)
                {
                    continue;
                }

                previousSlash = true;
            }
            else
            {
                previousSlash = false;
            }

            output[written++] = (byte)c;
        }

        return written;
    }

    private static int DecodeComponent(ReadOnlySpan<byte> component, Span<byte> output, ref HttpUriFlags flags)
    {
        int written = 0;
        int read = 0;
        while (read < component.Length)
        {
            output[written++] = (byte)DecodeOne(component, ref read, ref flags, path: false);
        }

        return written;
    }

    // One output byte from input[read..]: a %HH or %uHHHH escape, or a literal byte (an invalid escape yields '%').
    private static int DecodeOne(ReadOnlySpan<byte> input, ref int read, ref HttpUriFlags flags, bool path)
    {
        byte b = input[read];
        if (b != (byte)'%')
        {
            if (b == 0)
            {
                flags |= HttpUriFlags.RawNul;
            }

            read++;
            return b;
        }

        int c;
        if (read + 2 < input.Length && (input[read + 1] | 0x20) == (byte)'u')
        {
            if (read + 5 < input.Length && IsHex4(input.Slice(read + 2, 4), out int high, out int low))
            {
                flags |= HttpUriFlags.UEncoding;
                c = high == 0 ? low : HttpBestFit.Map((high << 8) | low, ref flags);
                read += 6;
            }
            else
            {
                flags |= HttpUriFlags.InvalidEncoding;
                read++;
                return '%';
            }
        }
        else if (read + 2 < input.Length && HttpAscii.HexValue(input[read + 1]) >= 0 && HttpAscii.HexValue(input[read + 2]) >= 0)
        {
            c = (HttpAscii.HexValue(input[read + 1]) << 4) | HttpAscii.HexValue(input[read + 2]);
            read += 3;
        }
        else
        {
            flags |= HttpUriFlags.InvalidEncoding;
            read++;
            return '%';
        }

        if (c == 0)
        {
            flags |= HttpUriFlags.EncodedNul;
        }
        else if (path && (c == '/' || c == '\\'))
        {
            flags |= HttpUriFlags.EncodedSeparator;
        }

        return c;
    }

    private static bool IsHex4(ReadOnlySpan<byte> digits, out int high, out int low)
    {
        int a = HttpAscii.HexValue(digits[0]);
        int b = HttpAscii.HexValue(digits[1]);
        int c = HttpAscii.HexValue(digits[2]);
        int d = HttpAscii.HexValue(digits[3]);
        high = (a << 4) | b;
        low = (c << 4) | d;
        return (a | b | c | d) >= 0;
    }

    // In place: UTF-8 (overlong allowed) to one byte per character by best fit; invalid sequences become '?'.
    private static int DecodeUtf8BestFit(Span<byte> path, ref HttpUriFlags flags)
    {
        int written = 0;
        int read = 0;
        while (read < path.Length)
        {
            byte lead = path[read];
            if (lead < 0x80)
            {
                path[written++] = lead;
                read++;
                continue;
            }

            int extra = lead >= 0xF0 && lead <= 0xF7 ? 3 : lead >= 0xE0 && lead <= 0xEF ? 2 : lead >= 0xC0 && lead <= 0xDF ? 1 : 0;
            if (extra == 0)
            {
                flags |= HttpUriFlags.Utf8Invalid;
                path[written++] = HttpBestFit.Replacement;
                read++;
                continue;
            }

            int codePoint = lead & (0x3F >> extra);
            int k = 1;
            while (k <= extra && read + k < path.Length && (path[read + k] & 0xC0) == 0x80)
            {
                codePoint = (codePoint << 6) | (path[read + k] & 0x3F);
                k++;
            }

            if (k <= extra)
            {
                // Cut short: like libhtp, the lead and the continuations seen are consumed, the breaking byte is read again.
                flags |= HttpUriFlags.Utf8Invalid;
                path[written++] = HttpBestFit.Replacement;
                read += k;
                continue;
            }

            int minimum = extra == 1 ? 0x80 : extra == 2 ? 0x800 : 0x10000;
            if (codePoint < minimum)
            {
                flags |= HttpUriFlags.Utf8Overlong;
            }

            path[written++] = codePoint > 0xFFFF ? HttpBestFit.Replacement : HttpBestFit.Map(codePoint, ref flags);
            read += extra + 1;
        }

        return written;
    }

    // In place, segment by segment (libhtp-rs normalize_uri_path_inplace semantics).
    private static int RemoveDotSegments(Span<byte> path)
    {
        int written = 0;
        int segments = 0;
        int read = 0;
        while (true)
        {
            int slash = path[read..].IndexOf((byte)'/');
            int end = slash < 0 ? path.Length : read + slash;
            var segment = path[read..end];
            if (segment.Length == 1 && segment[0] == (byte)'.')
            {
                // dropped
            }
            else if (segment.Length == 2 && segment[0] == (byte)'.' && segment[1] == (byte)'.')
            {
                bool atRoot = segments == 1 && written == 0;
                if (segments > 0 && !atRoot)
                {
                    int previous = path[..written].LastIndexOf((byte)'/');
                    written = previous < 0 ? 0 : previous;
                    segments--;
                }
            }
            else
            {
                if (segments > 0)
                {
                    path[written++] = (byte)'/';
                }

                segment.CopyTo(path[written..]);
                written += segment.Length;
                segments++;
            }

            if (slash < 0)
            {
                return written;
            }

            read = end + 1;
        }
    }
}
