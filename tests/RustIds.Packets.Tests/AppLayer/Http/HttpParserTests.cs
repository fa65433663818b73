using RustIds.Packets.AppLayer.Http;
using static RustIds.Packets.Tests.AppLayer.Http.HttpTestSupport;

namespace RustIds.Packets.Tests.AppLayer.Http;

public sealed class HttpParserTests
{
    // A browser-like GET: request line, Host with port, User-Agent, Cookie, Referer.
    private const string BrowserGet =
        "GET /shop/../index.php?q=%41b HTTP/1.1\r\n" +
        "Host: WWW.Example.com:8080\r\n" +
        "User-Agent: Mozilla/5.0 (X11; Linux x86_64)\r\n" +
        "Accept: */*\r\n" +
        "Cookie: session=abc; theme=dark\r\n" +
        "Referer: http://www.example.com/start\r\n" +
        "\r\n";

    private const string Ok200 =
        "HTTP/1.1 200 OK\r\n" +
        "Content-Type: text/html\r\n" +
        "Content-Length: 5\r\n" +
        "\r\n" +
        "hello";

    private readonly HttpCounters _counters = new();
    private readonly RecordingObserver _observer = new();

    private HttpParser NewParser(HttpParserOptions? options = null) => new(options ?? HttpParserOptions.Default, _counters);

    [Fact]
    public void Parse_BrowserGet_ExposesEveryRequestBuffer()
    {
        var parser = NewParser();
        parser.Parse(FlowDirection.ToServer, Bytes(BrowserGet), _observer);

        var tx = Assert.Single(_observer.RequestsCompleted);
        Assert.Equal(1UL, tx.Id);
        Assert.Equal("GET", tx.Method);
        Assert.Equal("/shop/../index.php?q=%41b", tx.RawUri);
        Assert.Equal("/index.php?q=Ab", tx.NormalizedUri);
        Assert.Equal("HTTP/1.1", tx.Protocol);
        Assert.Equal("GET /shop/../index.php?q=%41b HTTP/1.1", tx.RequestLine);
        Assert.Equal("www.example.com", tx.Host);
        Assert.Equal("Mozilla/5.0 (X11; Linux x86_64)", tx.UserAgent);
        Assert.Equal("session=abc; theme=dark", tx.Cookie);
        Assert.Equal("http://www.example.com/start", tx.Referer);
        Assert.Equal(BrowserGet[(BrowserGet.IndexOf('\n') + 1)..], tx.RequestHeadersRaw);
        Assert.Equal(
            "Host: WWW.Example.com:8080\r\nUser-Agent: Mozilla/5.0 (X11; Linux x86_64)\r\nAccept: */*\r\n" +
            "Cookie: session=abc; theme=dark\r\nReferer: http://www.example.com/start\r\n",
            tx.RequestHeaders);
        Assert.Equal(HttpTransactionFlags.None, tx.Flags);
        Assert.Equal(1, _counters.Requests);
        Assert.Equal(0, _counters.Errors);
    }

    [Fact]
    public void Parse_GetAndResponse_PairsAndExposesResponseBuffers()
    {
        var parser = NewParser();
        parser.Parse(FlowDirection.ToServer, Bytes(BrowserGet), _observer);
        parser.Parse(FlowDirection.ToClient, Bytes(Ok200), _observer);

        var tx = Assert.Single(_observer.Completed);
        Assert.Equal("GET", tx.Method);
        Assert.Equal(200, tx.StatusCode);
        Assert.Equal("OK", tx.StatusMessage);
        Assert.Equal("HTTP/1.1 200 OK", tx.ResponseLine);
        Assert.Equal("hello", tx.ResponseBody);
        Assert.Equal("Content-Type: text/html\r\nContent-Length: 5\r\n", tx.ResponseHeaders);
        Assert.Equal(1, _counters.Responses);
    }

    [Fact]
    public void Parse_PostWithContentLength_StoresBodyAndHeaderLookups()
    {
        const string post =
            "POST /login HTTP/1.1\r\n" +
            "Host: example.com\r\n" +
            "Content-Type: application/x-www-form-urlencoded\r\n" +
            "Content-Length: 27\r\n" +
            "\r\n" +
            "user=admin&pass=hunter2+%21";
        var parser = NewParser();
        var counting = new HeaderProbeObserver();
        parser.Parse(FlowDirection.ToServer, Bytes(post), counting);

        Assert.Equal("user=admin&pass=hunter2+%21", counting.Body);
        Assert.Equal("application/x-www-form-urlencoded", counting.ContentType);
        Assert.Equal(27, counting.ContentLength);
        Assert.Equal("27", counting.ContentLengthText);
        Assert.Equal("example.com", counting.HostLookup);
        Assert.True(counting.MissingLookupFailed);
    }

    [Fact]
    public void Parse_KeepAliveThreeRequests_ThreeTransactionsInOrder()
    {
        var parser = NewParser();
        for (int i = 1; i <= 3; i++)
        {
            parser.Parse(FlowDirection.ToServer, Bytes($"GET /page{i} HTTP/1.1\r\nHost: a\r\n\r\n"), _observer);
            parser.Parse(FlowDirection.ToClient, Bytes($"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nr{i}"), _observer);
        }

        Assert.Equal(3, _observer.Completed.Count);
        for (int i = 0; i < 3; i++)
        {
            Assert.Equal((ulong)(i + 1), _observer.Completed[i].Id);
            Assert.Equal($"/page{i + 1}", _observer.Completed[i].RawUri);
            Assert.Equal($"r{i + 1}", _observer.Completed[i].ResponseBody);
        }
    }

    [Fact]
    public void Parse_PipelinedRequestsThenResponses_PairInOrder()
    {
        var parser = NewParser();
        parser.Parse(FlowDirection.ToServer, Bytes("GET /a HTTP/1.1\r\n\r\nHEAD /b HTTP/1.1\r\n\r\nGET /c HTTP/1.1\r\n\r\n"), _observer);
        Assert.Equal(3, _observer.RequestsCompleted.Count);

        // The HEAD response carries Content-Length but no body (RFC 9110 §9.3.2).
        parser.Parse(
            FlowDirection.ToClient,
            Bytes("HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nA" +
                  "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n" +
                  "HTTP/1.1 404 Not Found\r\nContent-Length: 1\r\n\r\nC"),
            _observer);

        Assert.Collection(
            _observer.Completed,
            t => Assert.Equal(("/a", 200, "A"), (t.RawUri, t.StatusCode, t.ResponseBody)),
            t => Assert.Equal(("/b", 200, string.Empty), (t.RawUri, t.StatusCode, t.ResponseBody)),
            t => Assert.Equal(("/c", 404, "C"), (t.RawUri, t.StatusCode, t.ResponseBody)));
    }

    [Fact]
    public void Parse_ChunkedWithExtensionsAndTrailers_DechunksBody()
    {
        const string response =
            "HTTP/1.1 200 OK\r\n" +
            "Transfer-Encoding: chunked\r\n" +
            "\r\n" +
            "5;name=value\r\nhello\r\n" + // chunk extension
            "7\r\n, world\r\n" +
            "0\r\n" +
            "X-Checksum: 42\r\n" +          // trailer field
            "\r\n";
        var parser = NewParser();
        parser.Parse(FlowDirection.ToServer, Bytes("GET / HTTP/1.1\r\n\r\n"), _observer);
        parser.Parse(FlowDirection.ToClient, Bytes(response), _observer);

        var tx = Assert.Single(_observer.Completed);
        Assert.Equal("hello, world", tx.ResponseBody);
        Assert.EndsWith("X-Checksum: 42\r\n\r\n", tx.ResponseHeadersRaw, StringComparison.Ordinal);
        Assert.Equal(0, _counters.Errors);
    }

    [Fact]
    public void Parse_BodiesNotStored_LengthsCountedTransactionsCompleteNothingTruncated()
    {
        var parser = NewParser();
        parser.StoreBodies = false;
        parser.Parse(FlowDirection.ToServer, Bytes(
            "POST /upload HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n4\r\nWiki\r\n5\r\npedia\r\n0\r\n\r\n" +
            "POST /b HTTP/1.1\r\nContent-Length: 3\r\n\r\nabc"), _observer);
        parser.Parse(FlowDirection.ToClient, Bytes("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhelloHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"), _observer);

        Assert.Equal(2, _observer.Completed.Count);
        Assert.Equal([9L, 3L], _observer.Completed.Select(tx => tx.RequestBodyLength));
        Assert.Equal([5L, 2L], _observer.Completed.Select(tx => tx.ResponseBodyLength));
        Assert.All(_observer.Completed, tx => Assert.Equal(string.Empty, tx.RequestBody + tx.ResponseBody));
        Assert.All(_observer.Completed, tx => Assert.Equal(HttpTransactionFlags.None, tx.Flags & (HttpTransactionFlags.RequestBodyTruncated | HttpTransactionFlags.ResponseBodyTruncated)));
        Assert.Equal(0, _counters.BodyBytesSkipped);
        Assert.Equal("/b", _observer.Completed[1].RawUri);

        // The same parser, stored again for its next connection.
        parser.Reset();
        parser.StoreBodies = true;
        parser.Parse(FlowDirection.ToServer, Bytes("POST /c HTTP/1.1\r\nContent-Length: 3\r\n\r\nxyz"), _observer);
        Assert.Equal("xyz", _observer.RequestsCompleted[^1].RequestBody);
    }

    [Fact]
    public void Parse_ChunkedRequestSplitAtEveryByte_SameBody()
    {
        var request = Bytes(
            "POST /upload HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n" +
            "4\r\nWiki\r\n5\r\npedia\r\nE\r\n in\r\n\r\nchunks.\r\n0\r\n\r\n");
        for (int split = 0; split <= request.Length; split++)
        {
            var observer = new RecordingObserver();
            var parser = NewParser();
            FeedSplitAt(parser, FlowDirection.ToServer, request, split, observer);
            var tx = Assert.Single(observer.RequestsCompleted);
            Assert.Equal("Wikipedia in\r\n\r\nchunks.", tx.RequestBody);
        }
    }

    [Theory]
    [InlineData("HEAD", "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n", 200)]
    [InlineData("GET", "HTTP/1.1 204 No Content\r\nContent-Length: 10\r\n\r\n", 204)]
    [InlineData("GET", "HTTP/1.1 304 Not Modified\r\nContent-Length: 10\r\n\r\n", 304)]
    public void Parse_ResponseWithoutBody_CompletesAtHeadersAndNextResponseParses(string method, string response, int status)
    {
        var parser = NewParser();
        parser.Parse(FlowDirection.ToServer, Bytes($"{method} /x HTTP/1.1\r\n\r\nGET /y HTTP/1.1\r\n\r\n"), _observer);
        parser.Parse(FlowDirection.ToClient, Bytes(response + "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"), _observer);

        Assert.Equal(2, _observer.Completed.Count);
        Assert.Equal(status, _observer.Completed[0].StatusCode);
        Assert.Equal(string.Empty, _observer.Completed[0].ResponseBody);
        Assert.Equal("ok", _observer.Completed[1].ResponseBody);
    }

    [Fact]
    public void Parse_ExpectContinue_InterimSkippedAndFinalResponsePaired()
    {
        var parser = NewParser();
        parser.Parse(FlowDirection.ToServer, Bytes("PUT /f HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 4\r\n\r\n"), _observer);
        parser.Parse(FlowDirection.ToClient, Bytes("HTTP/1.1 100 Continue\r\n\r\n"), _observer);
        parser.Parse(FlowDirection.ToServer, Bytes("data"), _observer);
        parser.Parse(FlowDirection.ToClient, Bytes("HTTP/1.1 102 Processing\r\n\r\nHTTP/1.1 201 Created\r\nContent-Length: 0\r\n\r\n"), _observer);

        var tx = Assert.Single(_observer.Completed);
        Assert.Equal(201, tx.StatusCode);
        Assert.Equal("data", tx.RequestBody);
        Assert.Equal(2, _counters.InterimResponses);
        Assert.Equal(1, _counters.Responses);
    }

    [Fact]
    public void OnEnd_ResponseWithoutLength_BodyEndsAtClose()
    {
        var parser = NewParser();
        parser.Parse(FlowDirection.ToServer, Bytes("GET / HTTP/1.0\r\n\r\n"), _observer);
        parser.Parse(FlowDirection.ToClient, Bytes("HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\npart one, "), _observer);
        parser.Parse(FlowDirection.ToClient, Bytes("part two"), _observer);
        Assert.Empty(_observer.Completed);

        parser.OnEnd(FlowDirection.ToClient, _observer);

        var tx = Assert.Single(_observer.Completed);
        Assert.Equal("part one, part two", tx.ResponseBody);
        Assert.Equal(HttpTransactionFlags.None, tx.Flags & HttpTransactionFlags.ResponseTruncated);
        Assert.False(parser.IsParsing(FlowDirection.ToClient));
    }

    [Fact]
    public void OnEnd_ContentLengthBodyCutShort_ReportedTruncated()
    {
        var parser = NewParser();
        parser.Parse(FlowDirection.ToServer, Bytes("POST / HTTP/1.1\r\nContent-Length: 10\r\n\r\nabc"), _observer);
        parser.OnEnd(FlowDirection.ToServer, _observer);

        var tx = Assert.Single(_observer.RequestsCompleted);
        Assert.Equal("abc", tx.RequestBody);
        Assert.True(tx.Flags.HasFlag(HttpTransactionFlags.RequestTruncated));
        Assert.Equal(1, _counters.TruncatedMessages);
    }

    [Fact]
    public void Parse_BareLineFeeds_ParsedLikeCrlf()
    {
        var parser = NewParser();
        parser.Parse(FlowDirection.ToServer, Bytes("GET /lf HTTP/1.1\nHost: Bare.Example\nX-A: 1\n\n"), _observer);
        parser.Parse(FlowDirection.ToClient, Bytes("HTTP/1.1 200 OK\nContent-Length: 3\n\nabc"), _observer);

        var tx = Assert.Single(_observer.Completed);
        Assert.Equal("/lf", tx.RawUri);
        Assert.Equal("bare.example", tx.Host);
        Assert.Equal("Host: Bare.Example\r\nX-A: 1\r\n", tx.RequestHeaders);
        Assert.Equal("Host: Bare.Example\nX-A: 1\n\n", tx.RequestHeadersRaw);
        Assert.Equal("abc", tx.ResponseBody);
    }

    [Fact]
    public void Parse_HeaderQuirks_FoldedEmptyDuplicateAndCaseInsensitive()
    {
        const string request =
            "GET / HTTP/1.1\r\n" +
            "user-agent:   Agent/1.0   \r\n" +
            "X-Folded: first\r\n" +
            "   second\r\n" +
            "\tthird\r\n" +
            "X-Empty:\r\n" +
            "Accept: text/html\r\n" +
            "ACCEPT: text/plain\r\n" +
            "\r\n";
        var parser = NewParser();
        var probe = new HeaderProbeObserver();
        parser.Parse(FlowDirection.ToServer, Bytes(request), probe);

        Assert.Equal("Agent/1.0", probe.UserAgent);
        Assert.Equal("first second third", probe.Folded);
        Assert.Equal(string.Empty, probe.Empty);
        Assert.True(probe.EmptyFound);
        Assert.Equal("text/html, text/plain", probe.Accept);
        Assert.Equal(4, probe.HeaderCount);
        Assert.True(probe.Flags.HasFlag(HttpTransactionFlags.HeaderFolding));
        Assert.True(probe.Flags.HasFlag(HttpTransactionFlags.HeaderRepetition));
    }

    [Fact]
    public void Parse_HeaderWithoutColon_KeptWithEmptyNameAndCounted()
    {
        var parser = NewParser();
        parser.Parse(FlowDirection.ToServer, Bytes("GET / HTTP/1.1\r\nthis is not a header\r\n\r\n"), _observer);

        var tx = Assert.Single(_observer.RequestsCompleted);
        Assert.Equal(": this is not a header\r\n", tx.RequestHeaders);
        Assert.Equal(1, _counters.Get(HttpError.HeaderMissingColon));
    }

    [Fact]
    public void Parse_Http09_NoHeadersAndResponseUntilClose()
    {
        var parser = NewParser();
        parser.Parse(FlowDirection.ToServer, Bytes("GET /old\r\n"), _observer);
        parser.Parse(FlowDirection.ToClient, Bytes("<html>old school</html>"), _observer);
        parser.OnEnd(FlowDirection.ToClient, _observer);

        var tx = Assert.Single(_observer.Completed);
        Assert.Equal("/old", tx.RawUri);
        Assert.Equal(string.Empty, tx.Protocol);
        Assert.Equal("<html>old school</html>", tx.ResponseBody);
        Assert.True(tx.Flags.HasFlag(HttpTransactionFlags.Http09));
    }

    [Fact]
    public void Parse_AbsoluteUriAndDifferentHostHeader_UriHostWinsAndFlagged()
    {
        var parser = NewParser();
        parser.Parse(FlowDirection.ToServer, Bytes("GET http://User:pw@Evil.Example.:81/a/./b HTTP/1.1\r\nHost: good.example\r\n\r\n"), _observer);

        var tx = Assert.Single(_observer.RequestsCompleted);
        Assert.Equal("evil.example", tx.Host);
        Assert.Equal("/a/b", tx.NormalizedUri);
        Assert.True(tx.Flags.HasFlag(HttpTransactionFlags.HostAmbiguous));
    }

    [Fact]
    public void Parse_AbsoluteUriMatchingHostWithDefaultPort_NotAmbiguous()
    {
        var parser = NewParser();
        parser.Parse(FlowDirection.ToServer, Bytes("GET http://Example.com:80/ HTTP/1.1\r\nHost: example.com\r\n\r\n"), _observer);

        var tx = Assert.Single(_observer.RequestsCompleted);
        Assert.Equal("example.com", tx.Host);
        Assert.False(tx.Flags.HasFlag(HttpTransactionFlags.HostAmbiguous));
    }

    [Fact]
    public void Parse_UriWithSpaces_KeptInUriAndFlagged()
    {
        var parser = NewParser();
        parser.Parse(FlowDirection.ToServer, Bytes("GET /a b c HTTP/1.1\r\n\r\n"), _observer);

        var tx = Assert.Single(_observer.RequestsCompleted);
        Assert.Equal("/a b c", tx.RawUri);
        Assert.Equal("HTTP/1.1", tx.Protocol);
        Assert.True(tx.Flags.HasFlag(HttpTransactionFlags.UriWhitespace));
    }

    [Fact]
    public void Reset_AfterTraffic_IdsRestartAtOne()
    {
        var parser = NewParser();
        parser.Parse(FlowDirection.ToServer, Bytes("GET /1 HTTP/1.1\r\n\r\nGET /2 HTTP/1.1\r\n\r\n"), _observer);
        parser.Reset();
        parser.Parse(FlowDirection.ToServer, Bytes("GET /3 HTTP/1.1\r\n\r\n"), _observer);

        Assert.Equal(new ulong[] { 1, 2, 1 }, _observer.RequestsCompleted.Select(t => t.Id));
    }
}
