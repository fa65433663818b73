using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace RustIds.Notify.Tests;

public sealed class WebhookChannelTests
{
    private const string Secret = "s3cret-shared-key";

    [Fact]
    public async Task SendAsync_Generic_PostsJsonWithValidHmacSignature()
    {
        using var server = new HttpTestServer();
        using var http = new HttpClient();
        var channel = new WebhookChannel(new WebhookOptions { Url = server.Url(), Secret = Secret }, http);

        await channel.SendAsync(TestData.Notice(), CancellationToken.None);

        var request = Assert.Single(server.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/hooks/rustids", request.Path);
        Assert.Equal("application/json; charset=utf-8", request.ContentType);
        var expected = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), request.Body));
        Assert.Equal(expected, request.Signature);
        var root = JsonDocument.Parse(request.Body).RootElement;
        Assert.Equal("203.0.113.7", root.GetProperty("address").GetString());
        Assert.Equal("NL", root.GetProperty("country").GetString());
        Assert.Equal(85, root.GetProperty("score").GetInt32());
        Assert.Equal(1000001, root.GetProperty("rules")[0].GetProperty("sid").GetInt64());
        Assert.Equal("2026-12-04T14:11:50Z", root.GetProperty("expires_at").GetString());
        Assert.Equal("rustids block remove 203.0.113.7", root.GetProperty("unblock_command").GetString());
    }

    [Fact]
    public async Task SendAsync_Generic_CarriesTheTemplateSummaryAndTheSubject()
    {
        using var server = new HttpTestServer();
        using var http = new HttpClient();
        var channel = new WebhookChannel(new WebhookOptions { Url = server.Url() }, http);
        var notice = TestData.Notice();

        await channel.SendAsync(notice, CancellationToken.None);

        var root = JsonDocument.Parse(Assert.Single(server.Requests).Body).RootElement;
        var summary = root.GetProperty("summary").GetString()!;
        Assert.Equal(NoticeSummary.Compose(notice), summary);
        Assert.StartsWith("What happened: 203.0.113.7 (country NL) set off 2 rules", summary, StringComparison.Ordinal);
        Assert.Contains("\nWhat to do next: If 203.0.113.7 is legitimate", summary, StringComparison.Ordinal);
        Assert.Equal(summary, root.GetProperty("summary_template").GetString());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("summary_rewritten_by").ValueKind);
        Assert.Equal("[rustids] gw1: block 203.0.113.7 (NL), score 85/70, 1h", root.GetProperty("subject").GetString());
    }

    [Fact]
    public async Task SendAsync_Slack_SummaryIsTheFirstTextBlock()
    {
        using var server = new HttpTestServer();
        using var http = new HttpClient();
        var channel = new WebhookChannel(new WebhookOptions { Url = server.Url(), Format = WebhookFormat.Slack }, http);

        await channel.SendAsync(TestData.Notice(), CancellationToken.None);

        var text = JsonDocument.Parse(Assert.Single(server.Requests).Body).RootElement.GetProperty("text").GetString()!;
        var blocks = text.Split("\n", 3);
        Assert.Equal("*[rustids] gw1: block 203.0.113.7 (NL), score 85/70, 1h*", blocks[0]);
        Assert.Equal("*Summary:*", blocks[1]);
        Assert.StartsWith("What happened: 203.0.113.7 (country NL) set off 2 rules", blocks[2], StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_TamperedBody_SignatureNoLongerMatches()
    {
        using var server = new HttpTestServer();
        using var http = new HttpClient();
        var channel = new WebhookChannel(new WebhookOptions { Url = server.Url(), Secret = Secret }, http);

        await channel.SendAsync(TestData.Notice(), CancellationToken.None);

        var request = Assert.Single(server.Requests);
        var tampered = request.Body.ToArray();
        tampered[^2] ^= 1;
        Assert.NotEqual(request.Signature, WebhookChannel.Sign(Encoding.UTF8.GetBytes(Secret), tampered));
    }

    [Fact]
    public async Task SendAsync_SlackWithoutSecret_PostsTextOnlyAndNoSignature()
    {
        using var server = new HttpTestServer();
        using var http = new HttpClient();
        var channel = new WebhookChannel(new WebhookOptions { Name = "slack", Url = server.Url(), Format = WebhookFormat.Slack }, http);

        await channel.SendAsync(TestData.Notice(), CancellationToken.None);

        var request = Assert.Single(server.Requests);
        Assert.Null(request.Signature);
        var text = JsonDocument.Parse(request.Body).RootElement.GetProperty("text").GetString();
        Assert.Contains("203.0.113.7", text, StringComparison.Ordinal);
        Assert.Contains("rustids block remove 203.0.113.7", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(500, true)]
    [InlineData(503, true)]
    [InlineData(429, true)]
    [InlineData(400, false)]
    [InlineData(404, false)]
    public async Task SendAsync_ErrorStatus_ThrowsWithTransience(int status, bool transient)
    {
        using var server = new HttpTestServer(status);
        using var http = new HttpClient();
        var channel = new WebhookChannel(new WebhookOptions { Name = "hook", Url = server.Url("secret/token/path") }, http);

        var ex = await Assert.ThrowsAsync<NotificationException>(() => channel.SendAsync(TestData.Notice(), CancellationToken.None));

        Assert.Equal("hook", ex.Channel);
        Assert.Equal(transient, ex.IsTransient);
        Assert.StartsWith($"Webhook 'hook' http://127.0.0.1:{server.Port} answered {status} ", ex.Message, StringComparison.Ordinal);
        Assert.Contains($"status {status} from test server", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret/token", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_NothingListening_ThrowsTransientUnreachable()
    {
        var port = FreePort.Get();
        using var http = new HttpClient();
        var channel = new WebhookChannel(new WebhookOptions { Url = new Uri($"http://127.0.0.1:{port}/x") }, http);

        var ex = await Assert.ThrowsAsync<NotificationException>(() => channel.SendAsync(TestData.Notice(), CancellationToken.None));

        Assert.True(ex.IsTransient);
        Assert.StartsWith($"Webhook 'webhook' http://127.0.0.1:{port} unreachable: Connection refused", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_ServerNeverAnswers_TimesOutAsTransient()
    {
        using var silent = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        silent.Start();
        var port = ((System.Net.IPEndPoint)silent.LocalEndpoint).Port;
        using var http = new HttpClient();
        var channel = new WebhookChannel(new WebhookOptions { Url = new Uri($"http://127.0.0.1:{port}/x"), Timeout = TimeSpan.FromMilliseconds(300) }, http);

        var ex = await Assert.ThrowsAsync<NotificationException>(() => channel.SendAsync(TestData.Notice(), CancellationToken.None));

        Assert.True(ex.IsTransient);
        Assert.Equal($"Webhook 'webhook' http://127.0.0.1:{port} timed out after 0.3 s", ex.Message);
    }

    [Fact]
    public void Constructor_RelativeUrl_IsRejected()
    {
        using var http = new HttpClient();

        var ex = Assert.Throws<ArgumentException>(() => new WebhookChannel(new WebhookOptions { Url = new Uri("/x", UriKind.Relative) }, http));

        Assert.Contains("absolute http or https URL", ex.Message, StringComparison.Ordinal);
    }
}
