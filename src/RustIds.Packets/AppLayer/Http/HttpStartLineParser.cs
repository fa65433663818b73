namespace RustIds.Packets.AppLayer.Http;

/// <summary>Splits request and status lines into their parts (RFC 9112 §3 and §4), tolerant like libhtp's generic parser.</summary>
internal static class HttpStartLineParser
{
    /// <summary>Parses the request line at the start of <see cref="HttpMessage.Head"/> (it is known to hold a method and a URI).</summary>
    /// <remarks>
    /// Method, then whitespace, then the URI, then the protocol as the last token when it starts with <c>HTTP/</c>;
    /// whitespace inside the URI is kept in the URI (flagged). Two parts mean HTTP/0.9 unless the line was cut
    /// at the length limit, in which case headers are still expected.
    /// </remarks>
    public static void ParseRequest(HttpMessage message, int lineLength, bool truncated, out HttpTransactionFlags flags)
    {
        flags = HttpTransactionFlags.None;
        var line = message.Head.Slice(0, lineLength);
        int methodEnd = 0;
        while (methodEnd < line.Length && !HttpAscii.IsWhitespace(line[methodEnd]))
        {
            methodEnd++;
        }

        int uriStart = methodEnd;
        while (uriStart < line.Length && HttpAscii.IsWhitespace(line[uriStart]))
        {
            uriStart++;
        }


        int end = line.Length;
        while (end > uriStart && HttpAscii.IsWhitespace(line[end - 1]))
        {
            end--;
        }

        int lastStart = end;
        while (lastStart > uriStart && !HttpAscii.IsWhitespace(line[lastStart - 1]))
        {
            lastStart--;
        }

        message.Line = new Segment(0, lineLength);
        message.Part1 = new Segment(0, methodEnd);
        if (lastStart > uriStart && HttpAscii.StartsWithHttpSlash(line[lastStart..end]))
        {
            int uriEnd = lastStart;
            while (uriEnd > uriStart && HttpAscii.IsWhitespace(line[uriEnd - 1]))
            {
                uriEnd--;
            }

            message.Part2 = new Segment(uriStart, uriEnd - uriStart);
            message.Part3 = new Segment(lastStart, end - lastStart);
            if (line[uriStart..uriEnd].IndexOfAny((byte)' ', (byte)'\t') >= 0)
            {
                flags |= HttpTransactionFlags.UriWhitespace;
            }

            message.Version = HttpAscii.ParseVersion(line[lastStart..end]);
            if (message.Version == 0)
            {
                flags |= HttpTransactionFlags.InvalidProtocol;
                message.Version = 11;
            }
        }
        else if (lastStart == uriStart)
        {
            message.Part2 = new Segment(uriStart, end - uriStart);
            message.Version = truncated ? 11 : 9;
            flags |= truncated ? HttpTransactionFlags.None : HttpTransactionFlags.Http09;
        }
        else
        {
            int uriEnd = uriStart;
            while (uriEnd < end && !HttpAscii.IsWhitespace(line[uriEnd]))
            {
                uriEnd++;
            }

            int protocolStart = uriEnd;
            while (protocolStart < end && HttpAscii.IsWhitespace(line[protocolStart]))
            {
                protocolStart++;
            }

            message.Part2 = new Segment(uriStart, uriEnd - uriStart);
            message.Part3 = new Segment(protocolStart, end - protocolStart);
            message.Version = 11;
            flags |= HttpTransactionFlags.InvalidProtocol;
        }
    }

    /// <summary>Parses the status line at the start of <see cref="HttpMessage.Head"/> (it is known to start with <c>HTTP/</c>).</summary>
    public static void ParseResponse(HttpMessage message, int lineLength, out HttpTransactionFlags flags)
    {
        flags = HttpTransactionFlags.None;
        var line = message.Head.Slice(0, lineLength);
        int protocolEnd = 0;
        while (protocolEnd < line.Length && !HttpAscii.IsWhitespace(line[protocolEnd]))
        {
            protocolEnd++;
        }

        int codeStart = protocolEnd;
        while (codeStart < line.Length && HttpAscii.IsWhitespace(line[codeStart]))
        {
            codeStart++;
        }

        int codeEnd = codeStart;
        while (codeEnd < line.Length && !HttpAscii.IsWhitespace(line[codeEnd]))
        {
            codeEnd++;
        }

        int messageStart = codeEnd;
        while (messageStart < line.Length && HttpAscii.IsWhitespace(line[messageStart]))
        {
            messageStart++;
        }

        int end = line.Length;
        while (end > messageStart && HttpAscii.IsWhitespace(line[end - 1]))
        {
            end--;
        }

        message.Line = new Segment(0, lineLength);
        message.Part1 = new Segment(0, protocolEnd);
        message.Part2 = new Segment(codeStart, codeEnd - codeStart);
        message.Part3 = new Segment(messageStart, end - messageStart);
        message.Version = HttpAscii.ParseVersion(line[..protocolEnd]);
        if (message.Version is 0 or 9)
        {
            flags |= HttpTransactionFlags.InvalidProtocol;
        }

        var code = line[codeStart..codeEnd];
        if (code.Length == 3 && IsDigit(code[0]) && IsDigit(code[1]) && IsDigit(code[2]) && code[0] != (byte)'0')
        {
            message.StatusCode = ((code[0] - '0') * 100) + ((code[1] - '0') * 10) + (code[2] - '0');
        }
        else
        {
            message.StatusCode = 0;
            flags |= HttpTransactionFlags.InvalidStatus;
        }
    }

    private static bool IsDigit(byte b) => b >= (byte)'0' && b <= (byte)'9';
}
