using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace RustIds.Notify.Tests;

/// <summary>The summary rewriter against a real loopback listener that answers like a chat-completions API.</summary>
public sealed class ChatCompletionsRewriterTests : IDisposable
{
    private const string Model = "llama3.1:8b";
    private const string Key = "sk-test-0123456789";
    private const string Rewritten = "Someone at 203.0.113.7 in the Netherlands tried to break into the web server with SQL injection.\n"
        + "rustids blocked it for an hour. If that address is yours, run `rustids block remove 203.0.113.7`.";

    private readonly ChatCompletionsServer _chat = new() { Content = "  " + Rewritten + "\n\n" };
    private readonly HttpClient _http = new();
    private readonly RecordingLogger<ChatCompletionsRewriter> _log = new();

    public void Dispose()
    {
        _chat.Dispose();
        _http.Dispose();
    }

    [Fact]
    public async Task RewriteAsync_ChatCompletionsListener_PostsTheTemplateWithBearerKeyAndReturnsTheTrimmedAnswer()
    {
        var rewriter = Rewriter();
        var notice = TestData.Notice();

        var result = await rewriter.RewriteAsync(notice, CancellationToken.None);

        var request = Assert.Single(_chat.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/v1/chat/completions", request.Path);
        Assert.Equal("Bearer " + Key, request.Authorization);
        Assert.Equal("application/json; charset=utf-8", request.ContentType);
        var body = request.Json;
        Assert.Equal(Model, body.GetProperty("model").GetString());
        Assert.Equal(0, body.GetProperty("temperature").GetDouble());
        var messages = body.GetProperty("messages");
        Assert.Equal(2, messages.GetArrayLength());
        Assert.Equal("system", messages[0].GetProperty("role").GetString());
        Assert.Equal(ChatCompletionsRewriter.SystemPrompt, messages[0].GetProperty("content").GetString());
        Assert.Equal("user", messages[1].GetProperty("role").GetString());
        var question = messages[1].GetProperty("content").GetString()!;
        Assert.Contains(NoticeSummary.Compose(notice), question, StringComparison.Ordinal);
        Assert.Contains("Score:      85 (block threshold 70)", question, StringComparison.Ordinal);

        Assert.Equal(Rewritten, result.Summary);
        Assert.Equal(Model, result.SummaryRewrittenBy);
        Assert.Equal(notice with { Summary = Rewritten, SummaryRewrittenBy = Model }, result);
        Assert.Equal((1, 1, 0), (rewriter.Requests, rewriter.Rewritten, rewriter.Failures));
        Assert.DoesNotContain(_log.Entries, e => e.Level >= LogLevel.Warning);
        Assert.DoesNotContain(_log.Entries, e => e.Message.Contains(Key, StringComparison.Ordinal));
    }

    [Fact]
    public async Task RewriteAsync_NoKey_SendsNoAuthorizationHeader()
    {
        var rewriter = Rewriter(key: null);

        await rewriter.RewriteAsync(TestData.Notice(), CancellationToken.None);

        Assert.Null(Assert.Single(_chat.Requests).Authorization);
    }

    [Fact]
    public async Task RewriteAsync_SameNoticeTwiceAtOnce_OneRequestBothRewritten()
    {
        var rewriter = Rewriter();
        var notice = TestData.Notice();

        var both = await Task.WhenAll(rewriter.RewriteAsync(notice, CancellationToken.None), rewriter.RewriteAsync(notice, CancellationToken.None));

        Assert.Single(_chat.Requests);
        Assert.All(both, n => Assert.Equal(Rewritten, n.Summary));
        var other = await rewriter.RewriteAsync(OutboxFixture.Notice(2), CancellationToken.None);
        Assert.Equal(2, _chat.Requests.Count);
        Assert.Equal(Rewritten, other.Summary);
    }

    [Fact]
    public async Task RewriteAsync_NoticeWithASummaryAlready_IsNotSentAgain()
    {
        var rewriter = Rewriter();
        var notice = TestData.Notice() with { Summary = "Already rewritten.", SummaryRewrittenBy = "other" };

        Assert.Same(notice, await rewriter.RewriteAsync(notice, CancellationToken.None));
        Assert.Empty(_chat.Requests);
    }

    [Theory]
    [InlineData(500, null, "answered 500 Internal Server Error: {\"error\":{\"message\":\"model crashed\"")]
    [InlineData(401, null, "answered 401 Unauthorized")]
    [InlineData(200, "<html>502 Bad Gateway</html>", "the answer is not JSON")]
    [InlineData(200, """{"choices":[]}""", "the answer has no choices[0].message.content string")]
    [InlineData(200, """{"choices":[{"message":{"role":"assistant","content":null}}]}""", "the answer has no choices[0].message.content string")]
    [InlineData(200, """{"choices":[{"message":{"role":"assistant","content":"  \n "}}]}""", "the answer's content is empty")]
    public async Task RewriteAsync_BadAnswer_TemplateKeptFailureLoggedOnceAndCounted(int status, string? body, string reason)
    {
        _chat.Status = status;
        _chat.RawBody = body;
        var rewriter = Rewriter();
        var notice = TestData.Notice();

        var result = await rewriter.RewriteAsync(notice, CancellationToken.None);

        Assert.Same(notice, result);
        Assert.Null(result.Summary);
        Assert.Equal((1, 0, 1), (rewriter.Requests, rewriter.Rewritten, rewriter.Failures));
        var warning = Assert.Single(_log.Entries, e => e.Level == LogLevel.Warning);
        Assert.StartsWith($"Summary of 203.0.113.7 not rewritten by {Model} at http://127.0.0.1:", warning.Message, StringComparison.Ordinal);
        Assert.Contains(reason, warning.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Key, warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RewriteAsync_AnswerLongerThanTheCap_TemplateKept()
    {
        _chat.Content = new string('x', 2001);
        var rewriter = Rewriter();

        var result = await rewriter.RewriteAsync(TestData.Notice(), CancellationToken.None);

        Assert.Null(result.Summary);
        Assert.Equal(1, rewriter.Failures);
        Assert.Contains("the answer is 2001 characters long, more than the 2000 allowed", Assert.Single(_log.Entries).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RewriteAsync_ListenerSlowerThanTheTimeout_TemplateKeptAfterTheTimeout()
    {
        _chat.Hold = true;
        var rewriter = Rewriter(timeout: TimeSpan.FromMilliseconds(300));
        var clock = Stopwatch.StartNew();

        var result = await rewriter.RewriteAsync(TestData.Notice(), CancellationToken.None);

        Assert.Null(result.Summary);
        Assert.Single(_chat.Requests);
        Assert.Equal(1, rewriter.Failures);
        Assert.Contains("timed out after 0.3 s", Assert.Single(_log.Entries).Message, StringComparison.Ordinal);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), clock.Elapsed.ToString());
    }

    [Fact]
    public async Task RewriteAsync_NothingListening_TemplateKept()
    {
        var port = FreePort.Get();
        var rewriter = new ChatCompletionsRewriter(new SummaryRewriteOptions { BaseUrl = new Uri($"http://127.0.0.1:{port}/v1"), Model = Model }, _http, _log);

        var result = await rewriter.RewriteAsync(TestData.Notice(), CancellationToken.None);

        Assert.Null(result.Summary);
        Assert.Contains("request failed: Connection refused", Assert.Single(_log.Entries).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RewriteAsync_CallerCancelled_ThrowsInsteadOfSendingTheTemplate()
    {
        _chat.Hold = true;
        var rewriter = Rewriter();
        using var cancel = new CancellationTokenSource();

        var rewrite = rewriter.RewriteAsync(TestData.Notice(), cancel.Token);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => rewrite);
    }

    [Fact]
    public async Task SendAsync_WebhookThroughTheRewriter_PostsRewrittenSummaryMarkedWithTheModelAndTheTemplate()
    {
        using var hook = new HttpTestServer();
        var channel = new SummaryRewritingChannel(new WebhookChannel(new WebhookOptions { Url = hook.Url() }, _http), Rewriter());
        var notice = TestData.Notice();

        await channel.SendAsync(notice, CancellationToken.None);

        var root = JsonDocument.Parse(Assert.Single(hook.Requests).Body).RootElement;
        Assert.Equal(Rewritten, root.GetProperty("summary").GetString());
        Assert.Equal(NoticeSummary.Compose(notice), root.GetProperty("summary_template").GetString());
        Assert.Equal(Model, root.GetProperty("summary_rewritten_by").GetString());
        Assert.Equal("webhook", channel.Name);
    }

    [Fact]
    public async Task SendAsync_SlackThroughAFailingRewriter_PostsTheTemplate()
    {
        _chat.Status = 503;
        using var hook = new HttpTestServer();
        var channel = new SummaryRewritingChannel(new WebhookChannel(new WebhookOptions { Url = hook.Url(), Format = WebhookFormat.Slack }, _http), Rewriter());

        await channel.SendAsync(TestData.Notice(), CancellationToken.None);

        var text = JsonDocument.Parse(Assert.Single(hook.Requests).Body).RootElement.GetProperty("text").GetString()!;
        Assert.Contains("*Summary:*\nWhat happened: 203.0.113.7 (country NL)", text, StringComparison.Ordinal);
        Assert.DoesNotContain("rewritten by", text, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task SendAsync_EmailThroughTheRewriter_BodyHasTheRewrittenSummaryAndTheTemplateBelow()
    {
        var missing = DebianPython.MissingReason("aiosmtpd");
        Skip.If(missing is not null, missing);
        using var smtp = SmtpDebugServer.Start();
        var channel = new SummaryRewritingChannel(new EmailChannel(EmailChannelTests.Options(smtp.Port)), Rewriter());

        await channel.SendAsync(TestData.Notice(), CancellationToken.None);

        var message = QuotedPrintable.Decode(smtp.WaitForOutput("END MESSAGE", 1, TimeSpan.FromSeconds(20)));
        Assert.Contains($"Summary (rewritten by {Model}):\n{Rewritten}\n", message, StringComparison.Ordinal);
        Assert.Contains(NoticeFormatter.TemplateHeading + ":\nWhat happened: 203.0.113.7 (country NL) set off 2 rules", message, StringComparison.Ordinal);
        Assert.Contains($"<h3>Summary (rewritten by {Model})</h3>", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Outbox_TwoWebhooksSharingTheRewriter_OneRequestAtDeliveryAndBothGetTheRewrittenSummary()
    {
        using var fixture = new OutboxFixture();
        using var hook = new HttpTestServer();
        var policies = new Dictionary<string, DeliveryPolicy> { ["webhook1"] = new(), ["webhook2"] = new() };
        using var outbox = new NotificationOutbox(fixture.DatabasePath, policies, "gw1", fixture.Time);
        var rewriter = Rewriter();
        INotificationChannel[] channels =
        [
            new SummaryRewritingChannel(new WebhookChannel(new WebhookOptions { Name = "webhook1", Url = hook.Url("one") }, _http), rewriter),
            new SummaryRewritingChannel(new WebhookChannel(new WebhookOptions { Name = "webhook2", Url = hook.Url("two") }, _http), rewriter),
        ];
        await using var delivery = new OutboxDelivery(outbox, channels, OutboxFixture.Options());

        outbox.Enqueue(TestData.Notice());

        var requests = hook.WaitForRequests(2, OutboxFixture.Wait);
        Assert.Equal(["/one", "/two"], requests.Select(r => r.Path).Order(StringComparer.Ordinal));
        Assert.All(requests, r => Assert.Equal(Rewritten, JsonDocument.Parse(r.Body).RootElement.GetProperty("summary").GetString()));
        Assert.Single(_chat.Requests);
        Assert.Equal(1, rewriter.Rewritten);
    }

    private ChatCompletionsRewriter Rewriter(string? key = Key, TimeSpan? timeout = null) => new(new SummaryRewriteOptions
    {
        BaseUrl = _chat.BaseUrl,
        Model = Model,
        ApiKey = key,
        Timeout = timeout ?? TimeSpan.FromSeconds(10),
    }, _http, _log);
}
