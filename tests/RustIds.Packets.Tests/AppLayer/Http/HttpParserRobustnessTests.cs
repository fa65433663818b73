using RustIds.Packets.AppLayer.Http;
using static RustIds.Packets.Tests.AppLayer.Http.HttpTestSupport;

namespace RustIds.Packets.Tests.AppLayer.Http;

public sealed class HttpParserRobustnessTests
{
    private readonly HttpCounters _counters = new();
    private readonly RecordingObserver _observer = new();

    private HttpParser NewParser(HttpParserOptions? options = null) => new(options ?? HttpParserOptions.Default, _counters);

    [Fact]
    public void Parse_RequestLineTooLong_TruncatedKeptAndCounted()
    {
        var options = HttpParserOptions.Default with { MaxStartLineBytes = 64 };
        var parser = NewParser(options);
        string uri = "/" + new string('A', 200);
        parser.Parse(FlowDirection.ToServer, Bytes($"GET {uri} HTTP/1.1\r\nHost: h\r\n\r\nGET /next HTTP/1.1\r\n\r\n"), _observer);

        Assert.Equal(2, _observer.RequestsCompleted.Count);
        var first = _observer.RequestsCompleted[0];
        Assert.Equal(64, first.RequestLine.Length);
        Assert.True(first.Flags.HasFlag(HttpTransactionFlags.RequestLineTooLong));
        Assert.Equal("h", first.Host);
        Assert.Equal("/next", _observer.RequestsCompleted[1].RawUri);
        Assert.Equal(1, _counters.Get(HttpError.RequestLineTooLong));
    }

    [Fact]
    public void Parse_HeaderBlockTooLarge_RestSkippedAndCounted()
    {
        var options = HttpParserOptions.Default with { MaxHeaderBlockBytes = 256 };
        var parser = NewParser(options);
        string big = "X-Big: " + new string('b', 400) + "\r\n";
        parser.Parse(FlowDirection.ToServer, Bytes($"GET /a HTTP/1.1\r\nHost: h\r\n{big}X-After: 1\r\n\r\nGET /b HTTP/1.1\r\n\r\n"), _observer);

        Assert.Equal(2, _observer.RequestsCompleted.Count);
        var first = _observer.RequestsCompleted[0];
        Assert.True(first.Flags.HasFlag(HttpTransactionFlags.HeadersTooLarge));
        Assert.Equal("Host: h\r\n", first.RequestHeaders);
        Assert.Equal(256, first.RequestHeadersRaw.Length);
        Assert.Equal("/b", _observer.RequestsCompleted[1].RawUri);
        Assert.Equal(1, _counters.Get(HttpError.HeadersTooLarge));
    }

    [Fact]
    public void Parse_TooManyHeaders_ExtraNotIndexedAndCounted()
    {
        var options = HttpParserOptions.Default with { MaxHeaders = 3 };
        var parser = NewParser(options);
        var probe = new HeaderProbeObserver();
        parser.Parse(FlowDirection.ToServer, Bytes("GET / HTTP/1.1\r\nA: 1\r\nB: 2\r\nC: 3\r\nD: 4\r\nE: 5\r\n\r\n"), probe);

        Assert.Equal(3, probe.HeaderCount);
        Assert.True(probe.Flags.HasFlag(HttpTransactionFlags.TooManyHeaders));
        Assert.Equal(1, _counters.Get(HttpError.TooManyHeaders));
    }

    [Fact]
    public void Parse_BodyOverLimit_StoresPrefixAndCountsSkipped()
    {
        var options = HttpParserOptions.Default with { ResponseBodyLimitBytes = 10 };
        var parser = NewParser(options);
        parser.Parse(FlowDirection.ToServer, Bytes("GET / HTTP/1.1\r\n\r\n"), _observer);
        parser.Parse(FlowDirection.ToClient, Bytes("HTTP/1.1 200 OK\r\nContent-Length: 26\r\n\r\nabcdefghijklmnopqrstuvwxyz"), _observer);

        var tx = Assert.Single(_observer.Completed);
        Assert.Equal("abcdefghij", tx.ResponseBody);
        Assert.Equal(26, tx.ResponseBodyLength);
        Assert.True(tx.Flags.HasFlag(HttpTransactionFlags.ResponseBodyTruncated));
        Assert.Equal(1, _counters.BodiesTruncated);
        Assert.Equal(16, _counters.BodyBytesSkipped);
    }

    [Theory]
    [InlineData("\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03")] // TLS ClientHello
    [InlineData("SSH-2.0-OpenSSH_9.2p1\r\n")]
    [InlineData("GET\r\n")]
    public void Parse_GarbageRequest_CountedOnceAndDirectionStops(string garbage)
    {
        var parser = NewParser();
        parser.Parse(FlowDirection.ToServer, Bytes(garbage), _observer);
        parser.Parse(FlowDirection.ToServer, Bytes("GET / HTTP/1.1\r\n\r\n"), _observer);

        Assert.Empty(_observer.Events);
        Assert.Equal(1, _counters.Get(HttpError.NotHttp));
        Assert.False(parser.IsParsing(FlowDirection.ToServer));

        parser.Reset();
        parser.Parse(FlowDirection.ToServer, Bytes("GET / HTTP/1.1\r\n\r\n"), _observer);
        Assert.Single(_observer.RequestsCompleted);
    }

    [Fact]
    public void Parse_GarbageResponse_CountedAndStops()
    {
        var parser = NewParser();
        parser.Parse(FlowDirection.ToServer, Bytes("GET / HTTP/1.1\r\n\r\n"), _observer);
        parser.Parse(FlowDirection.ToClient, Bytes("<html>not a status line</html>"), _observer);

        Assert.Empty(_observer.Completed);
        Assert.Equal(1, _counters.Get(HttpError.NotHttp));
        Assert.False(parser.IsParsing(FlowDirection.ToClient));
    }

    [Fact]
    public void OnGap_InBody_TruncatesAndResynchronisesOnNextRequestLine()
    {
        var parser = NewParser();
        parser.Parse(FlowDirection.ToServer, Bytes("POST /a HTTP/1.1\r\nContent-Length: 1000\r\n\r\nfirst part"), _observer);
        parser.OnGap(FlowDirection.ToServer, _observer);
        parser.Parse(FlowDirection.ToServer, Bytes("tail of the lost body\r\nmore junk\r\nGE"), _observer);
        parser.Parse(FlowDirection.ToServer, Bytes("T /b HTTP/1.1\r\nHost: h\r\n\r\n"), _observer);

        Assert.Equal(2, _observer.RequestsCompleted.Count);
        Assert.True(_observer.RequestsCompleted[0].Flags.HasFlag(HttpTransactionFlags.RequestTruncated));
        Assert.Equal("first part", _observer.RequestsCompleted[0].RequestBody);
        Assert.Equal("/b", _observer.RequestsCompleted[1].RawUri);
        Assert.Equal(1, _counters.Gaps);
    }

    [Fact]
    public void Parse_ConnectAccepted_BothDirectionsBecomeTunnel()
    {
        var parser = NewParser();
        parser.Parse(FlowDirection.ToServer, Bytes("CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n"), _observer);
        parser.Parse(FlowDirection.ToClient, Bytes("HTTP/1.1 200 Connection Established\r\n\r\n"), _observer);
        parser.Parse(FlowDirection.ToServer, Bytes("\x16\x03\x01\x00\x05hello"), _observer);
        parser.Parse(FlowDirection.ToClient, Bytes("\x16\x03\x03\x00\x05world"), _observer);

        var tx = Assert.Single(_observer.Completed);
        Assert.True(tx.Flags.HasFlag(HttpTransactionFlags.Tunnel));
        Assert.Equal(1, _counters.Tunnels);
        Assert.Equal(0, _counters.Get(HttpError.NotHttp));
        Assert.False(parser.IsParsing(FlowDirection.ToServer));
    }

    [Fact]
    public void Parse_ConnectRefused_RequestsContinue()
    {
        var parser = NewParser();
        parser.Parse(FlowDirection.ToServer, Bytes("CONNECT example.com:443 HTTP/1.1\r\n\r\n"), _observer);
        parser.Parse(FlowDirection.ToClient, Bytes("HTTP/1.1 407 Proxy Authentication Required\r\nContent-Length: 0\r\n\r\n"), _observer);
        parser.Parse(FlowDirection.ToServer, Bytes("GET http://example.com/ HTTP/1.1\r\n\r\n"), _observer);

        Assert.Equal(2, _observer.RequestsCompleted.Count);
        Assert.Equal("/", _observer.RequestsCompleted[1].NormalizedUri);
        Assert.Equal("example.com", _observer.RequestsCompleted[1].Host);
    }

    [Fact]
    public void Parse_SwitchingProtocols_Tunnel()
    {
        var parser = NewParser();
        parser.Parse(FlowDirection.ToServer, Bytes("GET /chat HTTP/1.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n"), _observer);
        parser.Parse(FlowDirection.ToClient, Bytes("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n\r\n\x81\x05hello"), _observer);
        parser.Parse(FlowDirection.ToServer, Bytes("\x81\x85\x00\x00\x00\x00hello"), _observer);

        var tx = Assert.Single(_observer.Completed);
        Assert.Equal(101, tx.StatusCode);
        Assert.Equal(0, _counters.Errors);
        Assert.False(parser.IsParsing(FlowDirection.ToClient));
    }

    [Fact]
    public void Parse_PipelineDeeperThanQueue_OverflowCountedAndPairingKept()
    {
        var parser = NewParser(HttpParserOptions.Default with { MaxPendingTransactions = 2 });
        for (int i = 1; i <= 4; i++)
        {
            parser.Parse(FlowDirection.ToServer, Bytes($"GET /{i} HTTP/1.1\r\n\r\n"), _observer);
        }

        for (int i = 1; i <= 4; i++)
        {
            parser.Parse(FlowDirection.ToClient, Bytes($"HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\n{i}"), _observer);
        }

        Assert.Equal(4, _observer.RequestsCompleted.Count);
        Assert.Equal(new ulong[] { 1, 2, 3, 4 }, _observer.Completed.Select(t => t.Id));
        Assert.Equal(new[] { "1", "2", "3", "4" }, _observer.Completed.Select(t => t.ResponseBody));
        Assert.Equal("/2", _observer.Completed[1].RawUri);
        Assert.Equal(string.Empty, _observer.Completed[2].RawUri);
        Assert.True(_observer.Completed[2].Flags.HasFlag(HttpTransactionFlags.PipelineOverflow));
        Assert.Equal(2, _counters.PipelineOverflows);
    }

    [Fact]
    public void Parse_ResponseWithoutRequest_ReportedWithIdZero()
    {
        var parser = NewParser();
        parser.Parse(FlowDirection.ToClient, Bytes("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"), _observer);

        var tx = Assert.Single(_observer.Completed);
        Assert.Equal(0UL, tx.Id);
        Assert.True(tx.Flags.HasFlag(HttpTransactionFlags.ResponseWithoutRequest));
        Assert.Equal(1, _counters.UnmatchedResponses);
    }

    [Theory]
    [InlineData("Content-Length: abc\r\n", HttpError.InvalidContentLength)]
    [InlineData("Content-Length: 5, 6\r\n", HttpError.InvalidContentLength)]
    [InlineData("Content-Length: 3\r\nTransfer-Encoding: chunked\r\n", HttpError.AmbiguousContentLength)]
    [InlineData("Transfer-Encoding: gzip\r\n", HttpError.InvalidTransferEncoding)]
    public void Parse_SuspiciousLengthHeaders_CountedByKind(string headers, HttpError expected)
    {
        var parser = NewParser();
        parser.Parse(FlowDirection.ToServer, Bytes($"POST / HTTP/1.1\r\n{headers}\r\n"), _observer);

        Assert.Equal(1, _counters.Get(expected));
    }

    [Fact]
    public void Parse_DuplicateEqualContentLength_Accepted()
    {
        var parser = NewParser();
        parser.Parse(FlowDirection.ToServer, Bytes("POST / HTTP/1.1\r\nContent-Length: 3\r\nContent-Length: 3\r\n\r\nabc"), _observer);

        var tx = Assert.Single(_observer.RequestsCompleted);
        Assert.Equal("abc", tx.RequestBody);
        Assert.Equal(0, _counters.Get(HttpError.InvalidContentLength));
    }

    [Fact]
    public void Parse_InvalidChunkSize_CountedAndDirectionStops()
    {
        var parser = NewParser();
        parser.Parse(FlowDirection.ToServer, Bytes("GET / HTTP/1.1\r\n\r\n"), _observer);
        parser.Parse(FlowDirection.ToClient, Bytes("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nbody"), _observer);

        var tx = Assert.Single(_observer.Completed);
        Assert.True(tx.Flags.HasFlag(HttpTransactionFlags.InvalidChunk));
        Assert.Equal(1, _counters.Get(HttpError.InvalidChunkLength));
        Assert.False(parser.IsParsing(FlowDirection.ToClient));
    }

    [Fact]
    public void Constructor_InvalidOptions_ListsEveryProblem()
    {
        var options = HttpParserOptions.Default with { MaxHeaders = 0, MaxPendingTransactions = 0 };

        var problems = options.Validate();

        Assert.Equal(2, problems.Count);
        Assert.Throws<ArgumentException>(() => new HttpParser(options, _counters));
    }
}
