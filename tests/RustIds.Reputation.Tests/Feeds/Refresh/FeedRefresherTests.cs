using System.Globalization;
using System.Net;
using System.Text;
using RustIds.Packets;
using RustIds.Reputation.Feeds;
using RustIds.Reputation.Feeds.Refresh;

namespace RustIds.Reputation.Tests.Feeds.Refresh;

/// <summary>Feed refresh against a real HTTP listener and real files: conditional GET, caps, timeouts, plausibility, cache and swap.</summary>
public sealed class FeedRefresherTests : IDisposable
{
    private static readonly string DropPath = RepoPaths.SharedData + "/feeds/spamhaus-drop/drop.txt";
    private readonly TempDirectory _dir = new();
    private readonly FeedTestServer _server = new();
    private readonly HttpClient _http = new() { Timeout = Timeout.InfiniteTimeSpan };

    public void Dispose()
    {
        _http.Dispose();
        _server.Dispose();
        _dir.Dispose();
    }

    private FeedDefinition Remote(string name = "drop", TimeSpan? timeout = null, long maxBytes = 1 << 20) => new()
    {
        Name = name,
        Location = FeedLocation.Remote(_server.Url()),
        Parse = new FeedParseOptions { Format = FeedFormat.SpamhausDrop },
        Timeout = timeout ?? TimeSpan.FromSeconds(10),
        MaxBytes = maxBytes,
    };

    private FeedRefresher NewRefresher() =>
        new(new FeedFetcher(_http), new FeedCache(_dir.File("cache")), new FeedRegistry(), TimeProvider.System);

    private void Serve(byte[] body, string? etag = null, DateTimeOffset? lastModified = null) => _server.Handler = async (request, response) =>
    {
        if (etag is not null && request.Headers["If-None-Match"] == etag)
        {
            response.StatusCode = 304;
            return;
        }
        if (lastModified is { } modified && request.Headers["If-Modified-Since"] is { } since
            && DateTimeOffset.Parse(since, CultureInfo.InvariantCulture) >= modified)
        {
            response.StatusCode = 304;
            return;
        }
        if (etag is not null)
            response.Headers["ETag"] = etag;
        if (lastModified is { } stamp)
            response.Headers["Last-Modified"] = stamp.ToString("r", CultureInfo.InvariantCulture);
        response.ContentLength64 = body.Length;
        await response.OutputStream.WriteAsync(body);
    };

    [Fact]
    public async Task Refresh_ETag_DownloadsOnceThenNotModified_AndCachesForARestart()
    {
        var body = File.ReadAllBytes(DropPath);
        Serve(body, etag: "\"v1\"");
        var refresher = NewRefresher();
        var feed = Remote();

        var first = await refresher.RefreshAsync(feed, null, CancellationToken.None);
        var second = await refresher.RefreshAsync(feed, null, CancellationToken.None);

        Assert.Equal(FeedResult.Updated, first.Result);
        Assert.True(first.Changed);
        Assert.Equal(989, first.Loaded!.List.Entries);
        Assert.Equal(FeedResult.NotModified, second.Result);
        Assert.False(second.Changed);
        Assert.Equal(["\"v1\""], _server.Requests.Select(h => h["If-None-Match"]).Where(v => v is not null));
        Assert.True(refresher.Registry.Current.Single().List.Contains(IpAddr.Parse("1.10.16.1")));

        // A restart with the server gone: the cached copy alone brings the feed back.
        _server.Dispose();
        var restarted = NewRefresher();
        var cached = restarted.LoadCached(feed);
        Assert.Equal(FeedResult.Cached, cached.Result);
        Assert.Equal(989, cached.Loaded!.List.Entries);
        Assert.Equal(first.Loaded.FetchedAt, cached.Loaded.FetchedAt);
        Assert.True(restarted.Registry.Current.Single().List.Contains(IpAddr.Parse("1.10.16.1")));
    }

    [Fact]
    public async Task Refresh_AnotherProcessStoredANewerCopy_NotModifiedTakesItFromTheCache()
    {
        Serve(Encoding.ASCII.GetBytes("198.51.100.0/24 ; SBL1\n"), etag: "\"v1\"");
        var daemon = NewRefresher();
        await daemon.RefreshAsync(Remote(), null, CancellationToken.None);
        Serve(Encoding.ASCII.GetBytes("198.51.100.0/24 ; SBL1\n203.0.113.0/24 ; SBL2\n"), etag: "\"v2\"");
        await Task.Delay(20);
        var cli = NewRefresher();
        Assert.Equal(FeedResult.Updated, (await cli.RefreshAsync(Remote(), null, CancellationToken.None)).Result);

        var outcome = await daemon.RefreshAsync(Remote(), null, CancellationToken.None);

        Assert.Equal(FeedResult.NotModified, outcome.Result);
        Assert.True(outcome.Changed);
        Assert.True(daemon.Registry.Find("drop")!.List.Contains(IpAddr.Parse("203.0.113.5")));
    }

    [Fact]
    public async Task Refresh_LastModifiedOnly_SendsIfModifiedSince()
    {
        var stamp = new DateTimeOffset(2026, 11, 30, 8, 0, 0, TimeSpan.Zero);
        Serve(Encoding.ASCII.GetBytes("198.51.100.0/24 ; SBL1\n"), lastModified: stamp);
        var refresher = NewRefresher();

        Assert.Equal(FeedResult.Updated, (await refresher.RefreshAsync(Remote(), null, CancellationToken.None)).Result);
        Assert.Equal(FeedResult.NotModified, (await refresher.RefreshAsync(Remote(), null, CancellationToken.None)).Result);
        Assert.Equal(stamp, DateTimeOffset.Parse(_server.Requests.Last()["If-Modified-Since"]!, CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Refresh_ServerError_KeepsLastGoodCopy_AndRaisesAnAlarm()
    {
        Serve(File.ReadAllBytes(DropPath));
        var refresher = NewRefresher();
        await refresher.RefreshAsync(Remote(), null, CancellationToken.None);
        _server.Handler = (_, response) =>
        {
            response.StatusCode = 503;
            return Task.CompletedTask;
        };

        var outcome = await refresher.RefreshAsync(Remote(), null, CancellationToken.None);

        Assert.Equal(FeedResult.Failed, outcome.Result);
        Assert.True(outcome.IsAlarm);
        Assert.Contains("HTTP 503", outcome.Message, StringComparison.Ordinal);
        Assert.Contains("keeping the copy of", outcome.Message, StringComparison.Ordinal);
        Assert.Equal(989, refresher.Registry.Find("drop")!.List.Entries);
        var state = refresher.Cache.ReadState("drop", out _)!;
        Assert.Equal(FeedResult.Failed, state.LastResult);
        Assert.Equal(989, state.Entries);
        Assert.True(state.IsAlarm);
    }

    [Theory]
    [InlineData("10.0.0.1\n", "shrank from 989 to")]
    [InlineData("<html><body>Service unavailable</body></html>\n", "no usable entry")]
    [InlineData("", "the download is empty")]
    public async Task Refresh_ImplausibleCopy_IsRejected_AndTheLastGoodCopyStays(string body, string reason)
    {
        Serve(File.ReadAllBytes(DropPath));
        var refresher = NewRefresher();
        await refresher.RefreshAsync(Remote(), null, CancellationToken.None);
        var cachedBefore = File.ReadAllBytes(refresher.Cache.ContentPath("drop"));
        Serve(Encoding.ASCII.GetBytes(body == "10.0.0.1\n" ? "203.0.113.0/24 ; SBL9\n" : body));

        var outcome = await refresher.RefreshAsync(Remote(), null, CancellationToken.None);

        Assert.Equal(FeedResult.Rejected, outcome.Result);
        Assert.Contains(reason, outcome.Message, StringComparison.Ordinal);
        Assert.Equal(989, refresher.Registry.Find("drop")!.List.Entries);
        Assert.Equal(cachedBefore, File.ReadAllBytes(refresher.Cache.ContentPath("drop")));
    }

    [Fact]
    public async Task Refresh_LargerThanTheCap_FailsWithoutReadingItAll()
    {
        // Chunked (no Content-Length), so only the counting read can catch it.
        _server.Handler = async (_, response) =>
        {
            response.SendChunked = true;
            var line = Encoding.ASCII.GetBytes("198.51.100.7\n");
            for (var i = 0; i < 20_000; i++)
                await response.OutputStream.WriteAsync(line);
        };
        var outcome = await NewRefresher().RefreshAsync(Remote(maxBytes: 64 * 1024), null, CancellationToken.None);
        Assert.Equal(FeedResult.Failed, outcome.Result);
        Assert.Contains("larger than the 65536-byte cap", outcome.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refresh_SlowServer_TimesOut()
    {
        _server.Handler = async (_, response) =>
        {
            response.SendChunked = true;
            await response.OutputStream.WriteAsync(Encoding.ASCII.GetBytes("198.51.100.7\n"));
            await response.OutputStream.FlushAsync();
            await Task.Delay(TimeSpan.FromSeconds(10));
        };
        var outcome = await NewRefresher().RefreshAsync(Remote(timeout: TimeSpan.FromSeconds(1)), null, CancellationToken.None);
        Assert.Equal(FeedResult.Failed, outcome.Result);
        Assert.Contains("did not finish within 1 s", outcome.Message, StringComparison.Ordinal);
        Assert.Contains("no earlier copy", outcome.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refresh_Unreachable_FailsWithTheReason()
    {
        var port = FreePort.Get();
        var feed = Remote() with { Location = FeedLocation.Remote(new Uri($"http://127.0.0.1:{port}/x")) };
        var outcome = await NewRefresher().RefreshAsync(feed, null, CancellationToken.None);
        Assert.Equal(FeedResult.Failed, outcome.Result);
        Assert.Contains($"127.0.0.1:{port}", outcome.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refresh_LocalFile_UnchangedIsNotModified_ChangedIsUpdated()
    {
        var path = _dir.File("local.txt");
        File.WriteAllText(path, "198.51.100.1\n198.51.100.2\n");
        var feed = new FeedDefinition { Name = "local", Location = FeedLocation.File(path) };
        var refresher = NewRefresher();

        Assert.Equal(FeedResult.Updated, (await refresher.RefreshAsync(feed, null, CancellationToken.None)).Result);
        Assert.Equal(FeedResult.NotModified, (await refresher.RefreshAsync(feed, null, CancellationToken.None)).Result);
        File.WriteAllText(path, "198.51.100.1\n198.51.100.2\n198.51.100.3\n");
        File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddMinutes(1));
        var changed = await refresher.RefreshAsync(feed, null, CancellationToken.None);

        Assert.Equal(FeedResult.Updated, changed.Result);
        Assert.True(refresher.Registry.Find("local")!.List.Contains(IpAddr.Parse("198.51.100.3")));
    }

    [Fact]
    public async Task Refresh_UnwritableCache_StillUsesTheNewCopy_AndSaysItIsNotCached()
    {
        var path = _dir.File("local.txt");
        File.WriteAllText(path, "198.51.100.1\n");
        var blocker = _dir.File("not-a-directory");
        File.WriteAllText(blocker, "a file where the cache directory should be");
        var refresher = new FeedRefresher(new FeedFetcher(_http), new FeedCache(blocker), new FeedRegistry(), TimeProvider.System);

        var outcome = await refresher.RefreshAsync(new FeedDefinition { Name = "local", Location = FeedLocation.File(path) }, null, CancellationToken.None);

        Assert.Equal(FeedResult.Updated, outcome.Result);
        Assert.Contains("not cached:", outcome.Message, StringComparison.Ordinal);
        Assert.True(refresher.Registry.Find("local")!.List.Contains(IpAddr.Parse("198.51.100.1")));
    }

    [Fact]
    public async Task Refresh_ReportsProgressUpToTheFullSize()
    {
        var body = File.ReadAllBytes(DropPath);
        Serve(body);
        var reports = new List<FeedTransfer>();
        var progress = new SynchronousProgress(reports);

        await NewRefresher().RefreshAsync(Remote(), progress, CancellationToken.None);

        Assert.NotEmpty(reports);
        Assert.Equal(body.Length, reports[^1].Bytes);
        Assert.Equal(body.Length, reports[^1].Total);
    }

    [Fact]
    public async Task Registry_SwapDuringLookups_ReadersAlwaysSeeAWholeSnapshot()
    {
        var registry = new FeedRegistry();
        var small = PlainListParser.Parse("f", "f", "198.51.100.0/24\n");
        var large = PlainListParser.Parse("f", "f", "198.51.100.0/24\n203.0.113.0/24\n");
        var definition = new FeedDefinition { Name = "f", Location = FeedLocation.File("/dev/null") };
        registry.Publish(new LoadedFeed(definition, small, DateTimeOffset.UnixEpoch));
        using var stop = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var lookups = 0L;
        var reader = Task.Factory.StartNew(() =>
        {
            var probe = IpAddr.Parse("198.51.100.9");
            while (!stop.IsCancellationRequested)
            {
                var snapshot = registry.Current;
                Assert.Single(snapshot);
                Assert.True(snapshot[0].List.Contains(probe));
                lookups++;
            }
        }, TaskCreationOptions.LongRunning);
        var swaps = 0;
        var writer = Task.Factory.StartNew(() =>
        {
            while (!stop.IsCancellationRequested)
                registry.Publish(new LoadedFeed(definition, swaps++ % 2 == 0 ? large : small, DateTimeOffset.UnixEpoch));
        }, TaskCreationOptions.LongRunning);
        await Task.WhenAll(reader, writer);
        Assert.True(swaps > 10 && lookups > 10, $"{swaps} swaps, {lookups} lookups");
    }

    /// <summary>Records reports on the reporting thread (Progress&lt;T&gt; would post them later).</summary>
    private sealed class SynchronousProgress(List<FeedTransfer> reports) : IProgress<FeedTransfer>
    {
        public void Report(FeedTransfer value)
        {
            lock (reports)
                reports.Add(value);
        }
    }
}
