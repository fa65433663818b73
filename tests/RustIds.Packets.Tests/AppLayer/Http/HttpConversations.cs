using RustIds.Packets.AppLayer.Http;
using static RustIds.Packets.Tests.AppLayer.Http.HttpTestSupport;

namespace RustIds.Packets.Tests.AppLayer.Http;

/// <summary>Captured-like HTTP/1.1 conversations: each segment is one direction's bytes in the order they were seen.</summary>
internal static class HttpConversations
{
    public static IReadOnlyList<(FlowDirection Direction, byte[] Data)> Rich { get; } =
    [
        (FlowDirection.ToServer, Bytes(
            "GET /app/./static/../index.html?lang=%65n HTTP/1.1\r\n" +
            "Host: shop.example:8080\r\n" +
            "User-Agent: curl/8.5.0\r\n" +
            "Accept: */*\r\n" +
            "Cookie: a=1\r\n" +
            "X-Folded: one\r\n two\r\n" +
            "\r\n" +
            "POST /api/items HTTP/1.1\r\n" +
            "Host: shop.example\r\n" +
            "Content-Type: application/json\r\n" +
            "Content-Length: 24\r\n" +
            "\r\n" +
            "{\"name\":\"x\",\"qty\":12345}")),
        (FlowDirection.ToClient, Bytes(
            "HTTP/1.1 200 OK\r\n" +
            "Content-Type: text/html\r\n" +
            "Transfer-Encoding: chunked\r\n" +
            "\r\n" +
            "a;ext=1\r\n<html>1234\r\n" +
            "5\r\n</htm\r\n" +
            "0\r\n" +
            "X-Trailer: yes\r\n" +
            "\r\n" +
            "HTTP/1.1 201 Created\r\n" +
            "Location: /api/items/7\r\n" +
            "Content-Length: 2\r\n" +
            "\r\n" +
            "{}")),
        (FlowDirection.ToServer, Bytes(
            "PUT /upload HTTP/1.1\r\n" +
            "Host: shop.example\r\n" +
            "Expect: 100-continue\r\n" +
            "Transfer-Encoding: chunked\r\n" +
            "\r\n")),
        (FlowDirection.ToClient, Bytes("HTTP/1.1 100 Continue\r\n\r\n")),
        (FlowDirection.ToServer, Bytes(
            "4\r\nWiki\r\n" +
            "0\r\n\r\n" +
            "HEAD /big.iso HTTP/1.1\nHost: shop.example\n\n" +
            "GET /cached HTTP/1.1\r\nHost: shop.example\r\nIf-None-Match: \"x\"\r\n\r\n" +
            "GET /stream HTTP/1.0\r\nHost: shop.example\r\n\r\n")),
        (FlowDirection.ToClient, Bytes(
            "HTTP/1.1 204 No Content\r\n\r\n" +
            "HTTP/1.1 200 OK\nContent-Length: 734003200\n\n" +
            "HTTP/1.1 304 Not Modified\r\nETag: \"x\"\r\n\r\n" +
            "HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\n" +
            "streamed until the server closes the connection")),
    ];

    /// <summary>All request bytes of <see cref="Rich"/> in order.</summary>
    public static byte[] RichRequests { get; } = Concat(FlowDirection.ToServer);

    /// <summary>All response bytes of <see cref="Rich"/> in order.</summary>
    public static byte[] RichResponses { get; } = Concat(FlowDirection.ToClient);

    private static byte[] Concat(FlowDirection direction) =>
        Rich.Where(s => s.Direction == direction).SelectMany(s => s.Data).ToArray();
}
