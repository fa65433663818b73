using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Xunit.Abstractions;

namespace RustIds.Notify.Tests;

/// <summary>The outbox with its workers against a real HTTP listener and a real SMTP server, on a manual clock.</summary>
public sealed class OutboxDeliveryTests(ITestOutputHelper output) : IDisposable
{
    private const string Secret = "outbox-shared-secret";
    private readonly OutboxFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public async Task Deliver_ServerDownThenUp_QueuedThenDeliveredSignedAfterTheBackoff()
    {
        var port = FreePort.Get();
        using var outbox = _fixture.Open();
        await using var delivery = OutboxFixture.Deliver(outbox, _fixture.Webhook(new Uri($"http://127.0.0.1:{port}/hook"), Secret));

        outbox.Enqueue(OutboxFixture.Notice(1));
        Eventually.True(() => delivery.FailedAttempts == 1, OutboxFixture.Wait, () => $"failed {delivery.FailedAttempts}");
        Assert.Equal(1, outbox.Counts().Pending);
        Assert.Equal(0, delivery.Sent);

        using var server = new HttpTestServer(port: port);
        _fixture.Time.Advance(TimeSpan.FromSeconds(50));   // within the first backoff (1 min ± 20 %): nothing yet
        Assert.Empty(server.Requests);
        // Past the backoff's latest due time. The worker may arm its timer only after an advance (a loaded machine), so
        // time moves on a minute at a time until the request comes, as a real clock would.
        for (var minute = 0; minute < 10 && server.Requests.IsEmpty; minute++)
        {
            _fixture.Time.Advance(TimeSpan.FromMinutes(1));
            SpinWait.SpinUntil(() => !server.Requests.IsEmpty, TimeSpan.FromSeconds(1));
        }
        var request = Assert.Single(server.WaitForRequests(1, OutboxFixture.Wait));

        Eventually.True(() => outbox.Counts().Sent == 1, OutboxFixture.Wait, () => outbox.Counts().ToString());
        Assert.Equal(1, delivery.Sent);
        var expected = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), request.Body));
        Assert.Equal(expected, request.Signature);
        Assert.Equal("10.0.0.1", JsonDocument.Parse(request.Body).RootElement.GetProperty("address").GetString());
    }

    [Fact]
    public async Task ReplaceChannels_NewWebhookUrl_NextNoticeGoesThereAndChannelChangesAreNamed()
    {
        // One listener, two paths: the URL before the reload and the one after.
        using var server = new HttpTestServer();
        using var outbox = _fixture.Open();
        await using var delivery = OutboxFixture.Deliver(outbox, _fixture.Webhook(server.Url("before")));
        outbox.Enqueue(OutboxFixture.Notice(1));
        server.WaitForRequests(1, OutboxFixture.Wait);

        using var http = new HttpClient();
        var needRestart = delivery.ReplaceChannels([
            _fixture.Webhook(server.Url("after")), new WebhookChannel(new WebhookOptions { Name = "webhook2", Url = server.Url("after") }, http)]);
        outbox.Enqueue(OutboxFixture.Notice(2));

        var requests = server.WaitForRequests(2, OutboxFixture.Wait);
        Assert.Equal(["/before", "/after"], requests.Select(r => r.Path));
        Assert.Equal("10.0.0.2", JsonDocument.Parse(requests[1].Body).RootElement.GetProperty("address").GetString());
        Assert.Equal(["webhook2"], needRestart); // a new channel needs its queue and worker: next start
    }

    [Fact]
    public async Task Restart_OutboxClosedWithQueuedItems_DeliversEveryOneAfterReopening()
    {
        var port = FreePort.Get();
        var url = new Uri($"http://127.0.0.1:{port}/hook");
        using (var first = _fixture.Open())
        {
            await using var delivery = OutboxFixture.Deliver(first, _fixture.Webhook(url));
            for (var i = 1; i <= 5; i++)
                first.Enqueue(OutboxFixture.Notice(i));
            Eventually.True(() => delivery.FailedAttempts == 5, OutboxFixture.Wait, () => $"failed {delivery.FailedAttempts}");
            await delivery.StopAsync(TimeSpan.FromSeconds(1));
            Assert.Equal(5, first.Counts().Pending);
        }

        using var server = new HttpTestServer(port: port);
        using var second = _fixture.Open();
        Assert.Equal(5, second.Counts().Pending);
        await using var resumed = OutboxFixture.Deliver(second, _fixture.Webhook(url));
        _fixture.Time.Advance(TimeSpan.FromMinutes(2));

        var requests = server.WaitForRequests(5, OutboxFixture.Wait);
        Eventually.True(() => second.Counts().Sent == 5, OutboxFixture.Wait, () => second.Counts().ToString());
        var addresses = requests.Select(r => JsonDocument.Parse(r.Body).RootElement.GetProperty("address").GetString()!).Order().ToArray();
        Assert.Equal(["10.0.0.1", "10.0.0.2", "10.0.0.3", "10.0.0.4", "10.0.0.5"], addresses);
        Assert.Equal(0, second.Counts().Queued);
    }

    [Fact]
    public async Task Restart_NeverAttempted_DeliveredInEnqueueOrder()
    {
        using var server = new HttpTestServer();
        using (var first = _fixture.Open())
        {
            for (var i = 1; i <= 3; i++)
                first.Enqueue(OutboxFixture.Notice(i));
        }

        using var second = _fixture.Open();
        await using var delivery = OutboxFixture.Deliver(second, _fixture.Webhook(server.Url()));

        var requests = server.WaitForRequests(3, OutboxFixture.Wait);
        var addresses = requests.Select(r => JsonDocument.Parse(r.Body).RootElement.GetProperty("address").GetString()!).ToArray();
        Assert.Equal(["10.0.0.1", "10.0.0.2", "10.0.0.3"], addresses);
    }

    [Fact]
    public async Task Burst_1000Notices_CapThenOneDigestHoldingEveryOtherNotice()
    {
        using var server = new HttpTestServer();
        using var outbox = _fixture.Open(policy: new DeliveryPolicy { MaxPerHour = 10 });
        await using var delivery = OutboxFixture.Deliver(outbox, _fixture.Webhook(server.Url(), Secret));

        var clock = Stopwatch.StartNew();
        for (var i = 0; i < 1000; i++)
            outbox.Enqueue(OutboxFixture.Notice(i));
        clock.Stop();
        output.WriteLine($"1,000 enqueues: {clock.Elapsed.TotalMilliseconds:0} ms ({clock.Elapsed.TotalMicroseconds / 1000:0} µs each)");

        server.WaitForRequests(10, OutboxFixture.Wait);
        Eventually.True(() => outbox.Counts().Sent == 10, OutboxFixture.Wait, () => outbox.Counts().ToString());
        Assert.Equal(990, outbox.Counts().AwaitingDigest);
        Assert.Equal(10, server.Requests.Count);

        _fixture.Time.Advance(TimeSpan.FromMinutes(30));   // 13:41:50: before the top of the hour
        Assert.Equal(0, outbox.BuildDueDigests());
        _fixture.Time.Advance(TimeSpan.FromMinutes(20));   // 14:01:50
        Assert.Equal(1, outbox.BuildDueDigests());
        var requests = server.WaitForRequests(11, OutboxFixture.Wait);
        Eventually.True(() => outbox.Counts().Sent == 11, OutboxFixture.Wait, () => outbox.Counts().ToString());

        Assert.Equal(11, requests.Length);
        var digest = JsonDocument.Parse(requests[10].Body).RootElement;
        Assert.Equal("digest", digest.GetProperty("event").GetString());
        Assert.Equal(990, digest.GetProperty("count").GetInt32());
        Assert.Equal(990, digest.GetProperty("held_back").GetInt32());
        Assert.Equal(10, digest.GetProperty("max_per_hour").GetInt32());
        Assert.Equal(WebhookChannel.Sign(Encoding.UTF8.GetBytes(Secret), requests[10].Body), requests[10].Signature);
        var seen = requests[..10].Select(r => JsonDocument.Parse(r.Body).RootElement.GetProperty("address").GetString()!)
            .Concat(digest.GetProperty("notices").EnumerateArray().Select(n => n.GetProperty("address").GetString()!))
            .ToHashSet();
        Assert.Equal(1000, seen.Count);
        Assert.Equal(0, outbox.Counts().Queued);
        Assert.Equal(0, outbox.BuildDueDigests());   // nothing left: no empty digest
    }

    [SkippableFact]
    public async Task Digest_BelowImmediateSeverity_BatchedIntoOneMultipartEmail()
    {
        var missing = DebianPython.MissingReason("aiosmtpd");
        Skip.If(missing is not null, missing);
        using var smtp = SmtpDebugServer.Start();
        using var outbox = _fixture.Open("email", new DeliveryPolicy { ImmediateSeverity = NoticeSeverity.High });
        await using var delivery = OutboxFixture.Deliver(outbox, new EmailChannel(EmailChannelTests.Options(smtp.Port)));

        outbox.Enqueue(OutboxFixture.Notice(1, NoticeSeverity.Critical));
        outbox.Enqueue(OutboxFixture.Notice(2, NoticeSeverity.Medium));
        outbox.Enqueue(OutboxFixture.Notice(3, NoticeSeverity.Low));
        outbox.Enqueue(OutboxFixture.Notice(4, NoticeSeverity.Medium) with { Country = "<script>alert(1)</script>" });
        smtp.WaitForOutput("END MESSAGE", 1, OutboxFixture.Wait);
        Assert.Equal(3, outbox.Counts().AwaitingDigest);

        _fixture.Time.Advance(TimeSpan.FromHours(1));
        Assert.Equal(1, outbox.BuildDueDigests());
        var raw = smtp.WaitForOutput("END MESSAGE", 2, OutboxFixture.Wait);

        var digest = QuotedPrintable.Decode(raw[raw.IndexOf("END MESSAGE", StringComparison.Ordinal)..]);
        Assert.Contains("Subject: [rustids] gw1: digest of 3 notices", digest, StringComparison.Ordinal);
        Assert.Contains("multipart/alternative", digest, StringComparison.Ordinal);
        Assert.Contains("text/plain", digest, StringComparison.Ordinal);
        Assert.Contains("text/html", digest, StringComparison.Ordinal);
        foreach (var address in new[] { "10.0.0.2", "10.0.0.3", "10.0.0.4" })
            Assert.Contains("rustids block remove " + address, digest, StringComparison.Ordinal);
        Assert.DoesNotContain("10.0.0.1 ", digest, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", digest, StringComparison.Ordinal);
        Assert.DoesNotContain("<td><script>", digest, StringComparison.Ordinal);
        Eventually.True(() => outbox.Counts().Sent == 2, OutboxFixture.Wait, () => outbox.Counts().ToString());
    }

    [Fact]
    public async Task Dedup_SameTargetWithinWindow_CountedInTheNextDigestNotSent()
    {
        using var server = new HttpTestServer();
        using var outbox = _fixture.Open(policy: new DeliveryPolicy { DedupWindow = TimeSpan.FromMinutes(10) });
        await using var delivery = OutboxFixture.Deliver(outbox, _fixture.Webhook(server.Url()));

        Assert.Equal(OutboxState.Pending, Assert.Single(outbox.Enqueue(OutboxFixture.Notice(7))).State);
        Assert.Equal(OutboxState.Duplicate, Assert.Single(outbox.Enqueue(OutboxFixture.Notice(7))).State);
        Assert.Equal(OutboxState.Pending, Assert.Single(outbox.Enqueue(OutboxFixture.Notice(7) with { Event = "unblock" })).State);
        _fixture.Time.Advance(TimeSpan.FromMinutes(11));
        Assert.Equal(OutboxState.Pending, Assert.Single(outbox.Enqueue(OutboxFixture.Notice(7))).State);
        server.WaitForRequests(3, OutboxFixture.Wait);

        _fixture.Time.Advance(TimeSpan.FromHours(1));
        Assert.Equal(1, outbox.BuildDueDigests());
        var digest = JsonDocument.Parse(server.WaitForRequests(4, OutboxFixture.Wait)[3].Body).RootElement;
        Assert.Equal(0, digest.GetProperty("count").GetInt32());
        var repeat = Assert.Single(digest.GetProperty("repeats").EnumerateArray().ToArray());
        Assert.Equal("10.0.0.7", repeat.GetProperty("target").GetString());
        Assert.Equal(1, repeat.GetProperty("count").GetInt32());
    }

    [Fact]
    public async Task Deliver_ClientError_NotRetriedAndFailedForGoodWithTheServersAnswer()
    {
        using var server = new HttpTestServer(400);
        using var outbox = _fixture.Open();
        var options = OutboxFixture.Options();
        options.RetriesPerRound = 3;
        options.RetryDelay = TimeSpan.FromMilliseconds(1);
        await using var delivery = OutboxFixture.Deliver(outbox, _fixture.Webhook(server.Url()), options);

        outbox.Enqueue(OutboxFixture.Notice(1));
        Eventually.True(() => delivery.FailedForGood == 1, OutboxFixture.Wait, () => outbox.Counts().ToString());
        _fixture.Time.Advance(TimeSpan.FromHours(2));

        Assert.Single(server.Requests);
        Assert.Equal(1, outbox.Counts().Failed);
        var row = outbox.Store.Get(1)!.Value;
        Assert.Equal(OutboxState.Failed, row.State);
        Assert.Contains("answered 400 Bad Request: status 400 from test server", row.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deliver_TooManyRequests_RetriedInProcessAfterTheRetryAfterDelay()
    {
        using var server = new HttpTestServer();
        server.Script.Enqueue((429, "1"));
        using var outbox = new NotificationOutbox(_fixture.DatabasePath, new Dictionary<string, DeliveryPolicy> { ["webhook"] = new() }, "gw1");
        var options = OutboxFixture.Options();
        options.RetriesPerRound = 2;
        options.RetryDelay = TimeSpan.FromMilliseconds(10);
        await using var delivery = OutboxFixture.Deliver(outbox, _fixture.Webhook(server.Url()), options);

        outbox.Enqueue(OutboxFixture.Notice(1));
        var requests = server.WaitForRequests(2, OutboxFixture.Wait);
        Eventually.True(() => delivery.Sent == 1, OutboxFixture.Wait, () => outbox.Counts().ToString());

        Assert.Equal(2, requests.Length);
        var waited = Stopwatch.GetElapsedTime(requests[0].ReceivedAt, requests[1].ReceivedAt);
        Assert.True(waited >= TimeSpan.FromMilliseconds(900), $"second attempt after {waited}, Retry-After asked for 1 s");
        Assert.Equal(0, delivery.FailedAttempts);
        Assert.StartsWith("200 OK: ok", outbox.Store.Get(1)!.Value.LastAnswer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stop_ServerHangs_ReturnsByTheDeadlineAndLeavesTheItemQueued()
    {
        using var silent = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        silent.Start();
        var port = ((System.Net.IPEndPoint)silent.LocalEndpoint).Port;
        using var outbox = _fixture.Open();
        var delivery = OutboxFixture.Deliver(outbox, _fixture.Webhook(new Uri($"http://127.0.0.1:{port}/hook")));
        outbox.Enqueue(OutboxFixture.Notice(1));
        using var accepted = await silent.AcceptTcpClientAsync().WaitAsync(OutboxFixture.Wait);

        var clock = Stopwatch.StartNew();
        await delivery.StopAsync(TimeSpan.FromMilliseconds(300));
        clock.Stop();
        await delivery.DisposeAsync();

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(4), $"stop took {clock.Elapsed}");
        var row = outbox.Store.Get(1)!.Value;
        Assert.Equal(OutboxState.Pending, row.State);
        Assert.Equal(0, row.Rounds);
    }

    [Fact]
    public void Enqueue_NoChannels_WritesNothing()
    {
        using var outbox = new NotificationOutbox(_fixture.DatabasePath, new Dictionary<string, DeliveryPolicy>(), "gw1", _fixture.Time);

        Assert.Empty(outbox.Enqueue(OutboxFixture.Notice(1)));
        Assert.Equal(new OutboxCounts(0, 0, 0, 0, 0, 0), outbox.Counts());
        Assert.Equal(1, outbox.Enqueued);
    }
}
