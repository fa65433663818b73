namespace RustIds.Notify.Tests;

public sealed class NotificationDispatcherTests
{
    [Fact]
    public async Task DispatchAsync_OneChannelDown_OthersStillDeliverAndFailureIsCounted()
    {
        using var server = new HttpTestServer();
        using var http = new HttpClient();
        var down = FreePort.Get();
        var dispatcher = new NotificationDispatcher(
        [
            new EmailChannel(EmailChannelTests.Options(down)),
            new WebhookChannel(new WebhookOptions { Name = "soc-hook", Url = server.Url() }, http),
        ]);

        var first = await dispatcher.DispatchAsync(TestData.Notice(), CancellationToken.None);
        var second = await dispatcher.DispatchAsync(TestData.Notice(), CancellationToken.None);

        Assert.Equal(["email", "soc-hook"], first.Select(r => r.Channel));
        Assert.False(first[0].Succeeded);
        Assert.True(first[0].IsTransient);
        Assert.Equal($"SMTP 127.0.0.1:{down} unreachable: Connection refused", first[0].Error);
        Assert.True(first[1].Succeeded);
        Assert.Null(first[1].Error);
        Assert.Equal(2, server.Requests.Count);
        Assert.Equal(2, dispatcher.FailureCount("email"));
        Assert.Equal(0, dispatcher.FailureCount("soc-hook"));
        Assert.Equal(2, dispatcher.SuccessCount("soc-hook"));
        Assert.False(second[0].Succeeded);
    }

    [Fact]
    public async Task DispatchAsync_ClientError_ReportedAsNotTransient()
    {
        using var server = new HttpTestServer(400);
        using var http = new HttpClient();
        var dispatcher = new NotificationDispatcher([new WebhookChannel(new WebhookOptions { Url = server.Url() }, http)]);

        var result = Assert.Single(await dispatcher.DispatchAsync(TestData.Notice(), CancellationToken.None));

        Assert.False(result.Succeeded);
        Assert.False(result.IsTransient);
        Assert.Equal(1, dispatcher.FailureCount("webhook"));
    }

    [Fact]
    public void Constructor_DuplicateNames_AreRejected()
    {
        using var http = new HttpClient();
        var options = new WebhookOptions { Url = new Uri("http://127.0.0.1:9/") };

        var ex = Assert.Throws<ArgumentException>(() =>
            new NotificationDispatcher([new WebhookChannel(options, http), new WebhookChannel(options, http)]));

        Assert.Contains("duplicated: webhook", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DispatchAsync_CallerCancels_ThrowsOperationCanceled()
    {
        using var silent = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        silent.Start();
        var port = ((System.Net.IPEndPoint)silent.LocalEndpoint).Port;
        using var http = new HttpClient();
        var dispatcher = new NotificationDispatcher([new WebhookChannel(new WebhookOptions { Url = new Uri($"http://127.0.0.1:{port}/") }, http)]);
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => dispatcher.DispatchAsync(TestData.Notice(), cts.Token));

        Assert.Equal(0, dispatcher.FailureCount("webhook"));
    }
}
