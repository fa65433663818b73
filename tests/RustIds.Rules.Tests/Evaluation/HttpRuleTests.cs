namespace RustIds.Rules.Tests.Evaluation;

/// <summary>HTTP sticky buffers and legacy modifiers over real TCP frames through the packet path.</summary>
public sealed class HttpRuleTests
{
    private const string Request =
        "GET /a/./b/../admin%2ephp?id=1 HTTP/1.1\r\nHost: Shop.Example:8080\r\nUser-Agent: sqlmap/1.7\r\nCookie: session=abc\r\nAccept: */*\r\n\r\n";

    private const string Response = "HTTP/1.1 403 Forbidden\r\nServer: nginx\r\nContent-Type: text/html\r\nContent-Length: 9\r\n\r\nforbidden";

    private static List<byte[]> Exchange(string request = Request, string response = Response) =>
        new Conversation().Handshake().Client(request).Server(response).Close().Frames;

    [Theory]
    [InlineData("http.request_body; content:\"x\";", true)]
    [InlineData("http.response_body; content:\"x\";", true)]
    [InlineData("content:\"x\"; http_client_body;", true)]
    [InlineData("content:\"x\"; http_server_body;", true)]
    [InlineData("file.data; content:\"x\";", true)]
    [InlineData("pcre:\"/x/P\";", true)]
    [InlineData("pcre:\"/x/Q\";", true)]
    [InlineData("http.uri; content:\"x\";", false)]
    [InlineData("http.header; content:\"x\";", false)]
    [InlineData("content:\"x\";", false)]
    public void InspectsHttpBodies_OnlyWhenARuleReadsABody(string options, bool expected)
    {
        var set = TestRules.Compile($"alert http any any -> any any (msg:\"t\"; {options} sid:1;)", "alert tcp any any -> any 22 (msg:\"ssh\"; content:\"SSH\"; sid:2;)");

        Assert.Equal(expected, set.InspectsHttpBodies);
    }

    [Theory]
    [InlineData("http.uri; content:\"/a/admin.php?id=1\"; startswith; endswith;", true)]
    [InlineData("http.uri; content:\"/a/./b\";", false)]
    [InlineData("http.uri.raw; content:\"/a/./b/../admin%2ephp\";", true)]
    [InlineData("content:\"/admin.php\"; http_uri;", true)]
    [InlineData("content:\"admin%2e\"; http_raw_uri;", true)]
    [InlineData("http.method; content:\"GET\"; bsize:3;", true)]
    [InlineData("http.method; content:\"POST\";", false)]
    [InlineData("http.host; content:\"shop.example\"; bsize:12;", true)]
    [InlineData("http.host.raw; content:\"Shop.Example:8080\";", true)]
    [InlineData("http.user_agent; content:\"sqlmap\"; startswith;", true)]
    [InlineData("content:\"sqlmap\"; http_user_agent;", true)]
    [InlineData("http.cookie; content:\"session=abc\";", true)]
    [InlineData("http.header; content:\"Accept|3a 20|*/*|0d 0a|\";", true)]
    [InlineData("http.header_names; content:\"|0d 0a|Host|0d 0a|User-Agent|0d 0a|\";", true)]
    [InlineData("http.accept; content:\"*/*\"; bsize:3;", true)]
    [InlineData("http.start; content:\"GET /a/./b\"; startswith; content:\"Accept\"; distance:0;", true)]
    [InlineData("http.request_line; content:\"HTTP/1.1\"; endswith;", true)]
    [InlineData("urilen:17;", true)]
    [InlineData("urilen:26,raw;", true)]
    [InlineData("urilen:>100;", false)]
    [InlineData("pcre:\"/\\/admin\\.php\\?id=\\d+$/U\";", true)]
    [InlineData("pcre:\"/^sqlmap\\/\\d/V\";", true)]
    [InlineData("pcre:\"/^GET$/M\";", true)]
    [InlineData("content:\"admin\"; http_uri; pcre:\"/^\\.php/UR\";", true)]
    [InlineData("content:\"admin\"; http_uri; pcre:\"/^php/UR\";", false)]
    [InlineData("http.header; content:\"Host|3a 20|\"; pcre:\"/^shop\\.example/Ri\";", true)]
    [InlineData("pcre:!\"/session=/C\"; http.method; content:\"GET\";", false)]
    [InlineData("http.uri; content:\"ADMIN\"; nocase; http.method; content:\"GET\";", true)]
    [InlineData("http.uri; content:!\"admin\"; http.method; content:\"GET\";", false)]
    public void Evaluate_RequestBuffer_MatchesAsSuricata(string options, bool expected)
    {
        using var run = new RuleRun($"alert http any any -> any any (msg:\"t\"; flow:established,to_server; {options} sid:1;)");

        run.FeedAll(Exchange()).Finish();

        Assert.Equal(expected ? 1 : 0, run.Count(1));
    }

    [Theory]
    [InlineData("http.stat_code; content:\"403\";", true)]
    [InlineData("http.stat_msg; content:\"Forbidden\";", true)]
    [InlineData("http.server; content:\"nginx\";", true)]
    [InlineData("http.response_line; content:\"HTTP/1.1 403\"; startswith;", true)]
    [InlineData("file.data; content:\"forbidden\"; bsize:9;", true)]
    [InlineData("http.response_body; content:\"forbid\"; startswith;", true)]
    [InlineData("http.content_type; content:\"text/html\";", true)]
    [InlineData("http.uri; content:\"admin\"; http.stat_code; content:\"403\";", true)]
    [InlineData("http.stat_code; content:\"200\";", false)]
    public void Evaluate_ResponseBuffer_MatchesToClient(string options, bool expected)
    {
        using var run = new RuleRun($"alert http any any -> any any (msg:\"t\"; flow:established,to_client; {options} sid:2;)");

        run.FeedAll(Exchange()).Finish();

        Assert.Equal(expected ? 1 : 0, run.Count(2));
    }

    [Fact]
    public void Evaluate_ThreeRequestsOnOneConnection_OneAlertPerTransaction()
    {
        using var run = new RuleRun("alert http any any -> any any (msg:\"t\"; http.uri; content:\"/x\"; sid:3;)");
        var conversation = new Conversation().Handshake()
            .Client("GET /x1 HTTP/1.1\r\nHost: a\r\n\r\nGET /x2 HTTP/1.1\r\nHost: a\r\n\r\n")
            .Server("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n")
            .Client("GET /y HTTP/1.1\r\nHost: a\r\n\r\nGET /x3 HTTP/1.1\r\nHost: a\r\n\r\n")
            .Close();

        run.FeedAll(conversation.Frames).Finish();

        Assert.Equal(3, run.Count(3));
    }

    [Fact]
    public void Evaluate_RequestBody_InspectedOnceTheBodyIsComplete()
    {
        using var run = new RuleRun(
            "alert http any any -> any any (msg:\"body\"; flow:to_server; http.method; content:\"POST\"; http.request_body; content:\"cmd=id\"; sid:4;)",
            "alert http any any -> any any (msg:\"legacy\"; flow:to_server; content:\"POST\"; http_method; content:\"cmd=\"; http_client_body; sid:5;)");
        var conversation = new Conversation().Handshake()
            .Client("POST /run HTTP/1.1\r\nHost: a\r\nContent-Length: 10\r\n\r\n")
            .Client("x=1&cmd=id")
            .Server("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n")
            .Close();

        run.FeedAll(conversation.Frames).Finish();

        Assert.Equal(1, run.Count(4));
        Assert.Equal(1, run.Count(5));
    }

    [Fact]
    public void Evaluate_PacketRuleWithHttpHeader_WaitsForProtocolDetection()
    {
        // 'alert http' with only a payload content is a packet rule on flows detected as HTTP.
        using var run = new RuleRun(
            "alert http any any -> any any (msg:\"http payload\"; content:\"sqlmap\"; sid:6;)",
            "alert tcp any any -> any any (msg:\"tcp payload\"; content:\"sqlmap\"; sid:7;)");
        var smtp = new Conversation(serverPort: 25).Handshake().Client("HELO sqlmap.example\r\n").Close();

        run.FeedAll(Exchange()).FeedAll(smtp.Frames).Finish();

        Assert.Equal(1, run.Count(6));
        Assert.Equal(2, run.Count(7));
    }

    [Fact]
    public void Evaluate_MixedRawAndHttpBuffers_BothMustMatchOnTheSamePacket()
    {
        using var run = new RuleRun(
            "alert http any any -> any any (msg:\"mixed\"; content:\"Cookie\"; http.uri; content:\"admin\"; sid:8;)",
            "alert http any any -> any any (msg:\"mixed no\"; content:\"Referer\"; http.uri; content:\"admin\"; sid:9;)");

        run.FeedAll(Exchange()).Finish();

        Assert.Equal(1, run.Count(8));
        Assert.Equal(0, run.Count(9));
    }

    [Fact]
    public void Evaluate_Snort3StickyBufferRule_MatchesLikeSuricataForm()
    {
        var rule = TestRules.ParseSnort3(
            "alert tcp any any -> any 80 ( msg:\"s3\"; flow:to_server,established; http_uri; content:\"/admin\",fast_pattern,nocase; content:\"id=\",distance 0; http_header; content:\"sqlmap\"; service:http; sid:10; )");
        using var run = new RuleRun([rule]);

        run.FeedAll(Exchange()).Finish();

        Assert.Equal(1, run.Count(10));
    }
}
