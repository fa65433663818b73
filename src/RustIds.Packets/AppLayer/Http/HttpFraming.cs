namespace RustIds.Packets.AppLayer.Http;

/// <summary>Decides how a message body is delimited, RFC 9112 §6.3 with libhtp's tolerance.</summary>
internal static class HttpFraming
{
    /// <summary>Request: chunked when Transfer-Encoding ends in <c>chunked</c>, else Content-Length, else no body.</summary>
    public static HttpBodyKind ForRequest(HttpMessage request, HttpCounters counters, out HttpTransactionFlags flags)
    {
        flags = LengthFields(request, counters, out bool hasTransferEncoding, out bool chunked);
        if (hasTransferEncoding)
        {
            if (chunked)
            {
                return HttpBodyKind.Chunked;
            }

            // §6.3 item 4: a server answers 400 and closes, so no body follows.
            counters.Count(HttpError.InvalidTransferEncoding);
            flags |= HttpTransactionFlags.InvalidTransferEncoding;
            return HttpBodyKind.None;
        }

        return request.ContentLength > 0 ? HttpBodyKind.Identity : HttpBodyKind.None;
    }

    /// <summary>Response: 1xx interim (101 tunnel), no body for HEAD/204/304, tunnel for a 2xx to CONNECT, then chunked, Content-Length or until close.</summary>
    public static HttpBodyKind ForResponse(HttpMessage response, HttpMessage request, HttpCounters counters, out HttpTransactionFlags flags)
    {
        int status = response.StatusCode;
        var method = request.Head.Slice(request.Part1);
        flags = LengthFields(response, counters, out bool hasTransferEncoding, out bool chunked);
        if (status >= 100 && status < 200)
        {
            return status == 101 ? HttpBodyKind.Tunnel : HttpBodyKind.Interim;
        }

        if (status is 204 or 304 || method.SequenceEqual("HEAD"u8))
        {
            return HttpBodyKind.None;
        }

        if (status >= 200 && status < 300 && method.SequenceEqual("CONNECT"u8))
        {
            return HttpBodyKind.Tunnel;
        }

        if (hasTransferEncoding)
        {
            return chunked ? HttpBodyKind.Chunked : HttpBodyKind.UntilClose;
        }

        if (response.ContentLengthIndex >= 0)
        {
            return response.ContentLength is null ? HttpBodyKind.UntilClose : response.ContentLength > 0 ? HttpBodyKind.Identity : HttpBodyKind.None;
        }

        return HttpBodyKind.UntilClose;
    }

    private static HttpTransactionFlags LengthFields(HttpMessage message, HttpCounters counters, out bool hasTransferEncoding, out bool chunked)
    {
        var flags = HttpTransactionFlags.None;
        hasTransferEncoding = message.TransferEncodingIndex >= 0;
        chunked = hasTransferEncoding && HttpAscii.IsChunkedLast(message.KnownValue(message.TransferEncodingIndex));
        if (message.ContentLengthIndex >= 0)
        {
            if (HttpAscii.TryParseContentLength(message.KnownValue(message.ContentLengthIndex), out long length))
            {
                message.ContentLength = length;
            }
            else
            {
                counters.Count(HttpError.InvalidContentLength);
                flags |= HttpTransactionFlags.InvalidContentLength;
            }

            if (hasTransferEncoding)
            {
                counters.Count(HttpError.AmbiguousContentLength);
                flags |= HttpTransactionFlags.AmbiguousContentLength;
            }
        }

        return flags;
    }
}
