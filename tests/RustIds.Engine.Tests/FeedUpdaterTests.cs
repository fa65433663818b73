using Microsoft.Extensions.Logging.Abstractions;
using RustIds.Engine.Composition;
using RustIds.Engine.Configuration;
using RustIds.Engine.Feeds;
using RustIds.Engine.Scheduling;
using RustIds.Packets;
using RustIds.Reputation.Addresses;
using RustIds.Reputation.Feeds.Refresh;
using RustIds.Response;

namespace RustIds.Engine.Tests;

/// <summary>Feed refreshes through the updater: firewall sets follow the push-to-firewall feeds, failures are alarms, schedules run.</summary>
public sealed class FeedUpdaterTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly HttpClient _http = new();
    private readonly DryRunBackend _firewall = new(NullLogger<DryRunBackend>.Instance);

    public void Dispose()
    {
        _http.Dispose();
        _dir.Dispose();
    }

    private (FeedCatalog Catalog, FeedRefresher Refresher, FeedUpdater Updater) Create(params FeedSettings[] feeds)
    {
        var options = new ReputationOptions { FeedCatalog = null, Feeds = [.. feeds] };
        var catalog = FeedCatalog.Load(options, protectedSet: null);
        Assert.Empty(catalog.Problems);
        var refresher = new FeedRefresher(new FeedFetcher(_http), new FeedCache(_dir.File("cache")), new FeedRegistry(), TimeProvider.System);
        return (catalog, refresher, new FeedUpdater(catalog, refresher, _firewall, NullLogger<FeedUpdater>.Instance));
    }

    private string List(string name, string text)
    {
        var path = _dir.File(name);
        File.WriteAllText(path, text);
        File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddSeconds(Random.Shared.Next(1, 1000)));
        return path;
    }

    [Fact]
    public async Task Update_PushFeed_ReplacesItsFirewallSet_OthersStayOut()
    {
        var pushed = List("pushed.txt", "198.51.100.0/24\n203.0.113.7\n");
        var scored = List("scored.txt", "192.0.2.9\n");
        var (catalog, _, updater) = Create(
            new FeedSettings { Name = "pushed", File = pushed, Format = "plain", PushToFirewall = true },
            new FeedSettings { Name = "scored", File = scored, Format = "plain" });

        foreach (var feed in catalog.Enabled)
            Assert.Equal(FeedResult.Updated, (await updater.UpdateAsync(feed, null, CancellationToken.None)).Result);

        var set = Assert.Single(await _firewall.ListFeedSetsAsync());
        Assert.Equal(("pushed", 2), (set.Name.Value, set.Entries));
        Assert.Equal(2, updater.Updates);
        Assert.Equal(0, updater.Alarms);

        // A second, unchanged refresh writes nothing to the firewall.
        var before = _firewall.Recorded.Count;
        Assert.Equal(FeedResult.NotModified, (await updater.UpdateAsync(catalog.Find("pushed")!, null, CancellationToken.None)).Result);
        Assert.Equal(before, _firewall.Recorded.Count);
    }

    [Fact]
    public async Task SyncFirewall_RemovesSetsOfFeedsNoLongerPushed_AndRestoresPushedOnes()
    {
        var pushed = List("pushed.txt", "198.51.100.0/24\n");
        var (catalog, refresher, updater) = Create(new FeedSettings { Name = "pushed", File = pushed, Format = "plain", PushToFirewall = true });
        await _firewall.ReplaceFeedSetAsync(FeedSetName.FromFeedName("retired"), new CidrSetBuilder().Add(Cidr.Parse("192.0.2.0/24")).Build());
        refresher.LoadCached(catalog.Find("pushed")!);
        await updater.UpdateAsync(catalog.Find("pushed")!, null, CancellationToken.None);
        await _firewall.RemoveFeedSetAsync(FeedSetName.FromFeedName("pushed"));

        var changes = await updater.SyncFirewallAsync(CancellationToken.None);

        Assert.Equal(2, changes);
        Assert.Equal(["pushed"], (await _firewall.ListFeedSetsAsync()).Select(s => s.Name.Value));
    }

    [Fact]
    public async Task Update_MissingFile_IsAnAlarm_AndKeepsTheCopyInUse()
    {
        var path = List("vanishing.txt", "198.51.100.1\n");
        var (catalog, refresher, updater) = Create(new FeedSettings { Name = "vanishing", File = path, Format = "plain" });
        var feed = catalog.Find("vanishing")!;
        await updater.UpdateAsync(feed, null, CancellationToken.None);
        File.Delete(path);

        var outcome = await updater.UpdateAsync(feed, null, CancellationToken.None);

        Assert.Equal(FeedResult.Failed, outcome.Result);
        Assert.Contains("does not exist", outcome.Message, StringComparison.Ordinal);
        Assert.Equal(1, updater.Alarms);
        Assert.True(refresher.Registry.Find("vanishing")!.List.Contains(IpAddr.Parse("198.51.100.1")));
    }

    [Fact]
    public async Task Schedule_FeedWithoutCopy_RunsAtOnce_ThenOnItsCron()
    {
        var path = List("scheduled.txt", "198.51.100.1\n");
        var (_, refresher, updater) = Create(new FeedSettings { Name = "scheduled", File = path, Format = "plain", Schedule = "0 0 0 1 1 ? 2099" });
        await using var scheduler = await MaintenanceScheduler.StartAsync();

        await updater.ScheduleAsync(scheduler, CancellationToken.None);

        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (refresher.Registry.Find("scheduled") is null && DateTime.UtcNow < deadline)
            await Task.Delay(50);
        Assert.NotNull(refresher.Registry.Find("scheduled"));
    }

    [Fact]
    public async Task Load_ProtectedAddresses_RefusedFromFeeds()
    {
        var path = List("feodo.txt", File.ReadAllText(RepoPaths.SharedData + "/feeds/feodo/ipblocklist_recommended.txt"));
        var options = new RustIdsOptions();
        options.Reputation.FeedCatalog = null;
        options.Reputation.GeoIpDatabase = null;
        options.Reputation.Feeds = [new FeedSettings { Name = "feodo", File = path, Format = "feodo" }];
        options.Storage.DatabasePath = _dir.File("rustids.db");
        var warnings = new List<string>();
        var protectedSet = new CidrSetBuilder().Add(Cidr.Parse("8.8.8.8")).Build();

        using var sources = ReputationSources.Load(options, protectedSet, new FeedFetcher(_http), TimeProvider.System, warnings);

        var feodo = Assert.Single(sources.Feeds.Registry.Current);
        Assert.False(feodo.List.Contains(IpAddr.Parse("8.8.8.8")));
        Assert.True(feodo.List.Stats.Refused >= 1);
        Assert.True(File.Exists(Path.Combine(_dir.Path, "feeds", "feodo.feed")), "the cache defaults to feeds/ beside the database");
        await Task.CompletedTask;
    }
}
