namespace RustIds.Packets.AppLayer.Http;

/// <summary>Byte classes and small parsers for HTTP text (RFC 9110 §5.6).</summary>
internal static class HttpAscii
{
    public static bool IsWhitespace(byte b) => b == (byte)' ' || b == (byte)'\t';

    public static bool IsLineWhitespace(byte b) => b == (byte)' ' || b == (byte)'\t' || b == (byte)'\r' || b == (byte)'\n';

    /// <summary>tchar of RFC 9110 §5.6.2.</summary>
    public static bool IsTokenChar(byte b) =>
        (b >= (byte)'a' && b <= (byte)'z') || (b >= (byte)'A' && b <= (byte)'Z') || (b >= (byte)'0' && b <= (byte)'9') ||
        b is (byte)'!' or (byte)'#' or (byte)'$' or (byte)'%' or (byte)'&' or (byte)'\'' or (byte)'*' or (byte)'+'
            or (byte)'-' or (byte)'.' or (byte)'^' or (byte)'_' or (byte)'`' or (byte)'|' or (byte)'~';

    public static int HexValue(byte b) => b switch
    {
        >= (byte)'0' and <= (byte)'9' => b - '0',
        >= (byte)'a' and <= (byte)'f' => b - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => b - 'A' + 10,
        _ => -1,
    };

    public static byte ToLower(byte b) => b >= (byte)'A' && b <= (byte)'Z' ? (byte)(b + 32) : b;

    /// <summary>Start and length of <paramref name="span"/> without leading and trailing SP/HT.</summary>
    public static void Trim(ReadOnlySpan<byte> span, out int start, out int length)
    {
        int s = 0;
        int e = span.Length;
        while (s < e && IsWhitespace(span[s]))
        {
            s++;
        }

        while (e > s && IsWhitespace(span[e - 1]))
        {
            e--;
        }

        start = s;
        length = e - s;
    }

    public static ReadOnlySpan<byte> Trim(ReadOnlySpan<byte> span)
    {
        Trim(span, out int start, out int length);
        return span.Slice(start, length);
    }

    /// <summary>True when <paramref name="span"/> starts with <c>HTTP/</c> in any case.</summary>
    public static bool StartsWithHttpSlash(ReadOnlySpan<byte> span) =>
        span.Length >= 5 && System.Text.Ascii.EqualsIgnoreCase(span[..5], "HTTP/"u8);

    /// <summary>10 for HTTP/1.0, 11 for HTTP/1.1, 9 for HTTP/0.9, 0 for anything else.</summary>
    public static int ParseVersion(ReadOnlySpan<byte> protocol)
    {
        if (protocol.Length != 8 || !StartsWithHttpSlash(protocol) || protocol[6] != (byte)'.')
        {
            return 0;
        }

        return (protocol[5], protocol[7]) switch
        {
            ((byte)'1', (byte)'1') => 11,
            ((byte)'1', (byte)'0') => 10,
            ((byte)'0', (byte)'9') => 9,
            _ => 0,
        };
    }

    /// <summary>Parses a Content-Length value: one decimal number, or a comma list of equal numbers (RFC 9110 §8.6).</summary>
    public static bool TryParseContentLength(ReadOnlySpan<byte> value, out long length)
    {
        length = -1;
        while (true)
        {
            int comma = value.IndexOf((byte)',');
            var item = Trim(comma < 0 ? value : value[..comma]);
            if (item.IsEmpty || item.Length > 18)
            {
                return false;
            }

            long parsed = 0;
            foreach (byte b in item)
            {
                if (b < (byte)'0' || b > (byte)'9')
                {
                    return false;
                }

                parsed = (parsed * 10) + (b - '0');
            }

            if (length >= 0 && parsed != length)
            {
                return false;
            }

            length = parsed;
            if (comma < 0)
            {
                return true;
            }

            value = value[(comma + 1)..];
        }
    }

    /// <summary>True when the last coding of a Transfer-Encoding list is <c>chunked</c> (RFC 9112 §6.3).</summary>
    public static bool IsChunkedLast(ReadOnlySpan<byte> value)
    {
        var trimmed = Trim(value);
        while (!trimmed.IsEmpty && trimmed[^1] == (byte)',')
        {
            trimmed = Trim(trimmed[..^1]);
        }

        int comma = trimmed.LastIndexOf((byte)',');
        var last = Trim(comma < 0 ? trimmed : trimmed[(comma + 1)..]);
        return System.Text.Ascii.EqualsIgnoreCase(last, "chunked"u8);
    }
}
