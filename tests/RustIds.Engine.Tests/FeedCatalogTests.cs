using RustIds.Engine.Composition;
using RustIds.Engine.Configuration;
using RustIds.Reputation.Feeds;

namespace RustIds.Engine.Tests;

public sealed class FeedCatalogTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private string WriteCatalog(string json)
    {
        var path = _dir.File("catalog.json");
        File.WriteAllText(path, json);
        return path;
    }

    [Fact]
    public void Load_ShippedCatalog_EveryEntryValid_OnlyTheLocalListEnabled()
    {
        var options = new ReputationOptions { FeedCatalog = Path.Combine(RepoPaths.Root, "feeds", "catalog.json") };

        var catalog = FeedCatalog.Load(options, protectedSet: null);

        Assert.Empty(catalog.Problems);
        Assert.Equal(9, catalog.All.Count);
        Assert.Equal(["local"], catalog.Enabled.Select(f => f.Name));
        var local = catalog.Find("local")!;
        Assert.Equal(Path.Combine(RepoPaths.Root, "feeds", "blocklist.txt"), local.Location.FilePath);
        var ipsum = catalog.Find("ipsum")!;
        Assert.Equal(FeedFormat.Ipsum, ipsum.Parse.Format);
        Assert.Equal(5, ipsum.Weight.FullWeightHits);
        Assert.True(catalog.Find("spamhaus-drop")!.PushToFirewall);
        Assert.Equal(new Uri("https://www.spamhaus.org/drop/drop_v4.json"), catalog.Find("spamhaus-drop")!.Location.Url);
    }

    [Fact]
    public void Load_ConfigEntryByName_OverridesOnlyWhatItSets_AndEnables()
    {
        var options = new ReputationOptions
        {
            FeedCatalog = WriteCatalog("""
                // comments are allowed
                { "Feeds": [ { "Name": "drop", "Url": "https://example.org/drop.txt", "Format": "spamhaus-drop", "Weight": 50, "Schedule": "0 7 */12 * * ?" } ] }
                """),
            Feeds = [new FeedSettings { Name = "drop", Weight = 20, PushToFirewall = true }],
            BlocklistPoints = 35,
        };

        var feed = Assert.Single(FeedCatalog.Load(options, null).All);

        Assert.True(feed.Enabled);
        Assert.True(feed.PushToFirewall);
        Assert.Equal(20, feed.Weight.Points);
        Assert.Equal("0 7 */12 * * ?", feed.Schedule);
        Assert.Equal(FeedFormat.SpamhausDrop, feed.Parse.Format);
        Assert.Equal(new Uri("https://example.org/drop.txt"), feed.Location.Url);
    }

    [Fact]
    public void Load_NewConfigFeed_AndBlocklistsShorthand_UseDefaults()
    {
        var list = _dir.File("My List.txt");
        File.WriteAllText(list, "198.51.100.1\n");
        var options = new ReputationOptions
        {
            FeedCatalog = null,
            Feeds = [new FeedSettings { Name = "mine", File = list, Format = "csv", CsvColumn = 3, CsvDelimiter = ";" }],
            Blocklists = [list],
            BlocklistPoints = 35,
        };

        var catalog = FeedCatalog.Load(options, null);

        Assert.Empty(catalog.Problems);
        Assert.Equal(["mine", "my-list"], catalog.All.Select(f => f.Name));
        var mine = catalog.All[0];
        Assert.Equal((FeedFormat.Csv, 3, ';'), (mine.Parse.Format, mine.Parse.CsvColumn, mine.Parse.CsvDelimiter));
        Assert.Equal(new FeedWeight(35, 1.0, 1), mine.Weight);
        Assert.True(mine.Enabled);
        Assert.Equal("0 0 */6 * * ?", mine.Schedule);
    }

    [Fact]
    public void Load_BadEntries_EachReportedWithItsKey_GoodOnesKept()
    {
        var options = new ReputationOptions
        {
            FeedCatalog = null,
            Feeds =
            [
                new FeedSettings { Name = "good", Url = "https://example.org/a.txt", Format = "plain" },
                new FeedSettings { Name = "Bad Name", Url = "https://example.org/b.txt", Format = "plain" },
                new FeedSettings { Name = "both", Url = "https://example.org/c.txt", File = "/tmp/c.txt", Format = "plain" },
                new FeedSettings { Name = "format", Url = "https://example.org/d.txt", Format = "xml" },
                new FeedSettings { Name = "cron", Url = "https://example.org/e.txt", Format = "plain", Schedule = "every 6 hours" },
                new FeedSettings { Name = "ftp", Url = "ftp://example.org/f.txt", Format = "plain" },
                new FeedSettings { Name = "weights", Url = "https://example.org/g.txt", Format = "plain", Weight = 150, Quality = 2 },
                new FeedSettings { Name = "good", Url = "https://example.org/h.txt", Format = "plain" },
            ],
        };

        var catalog = FeedCatalog.Load(options, null);

        Assert.Equal(["good"], catalog.All.Select(f => f.Name));
        var keys = catalog.Problems.Select(p => p.Key).ToList();
        Assert.Contains("Reputation:Feeds:1:Name", keys);
        Assert.Contains("Reputation:Feeds:2:Url", keys);
        Assert.Contains("Reputation:Feeds:3:Format", keys);
        Assert.Contains("Reputation:Feeds:4:Schedule", keys);
        Assert.Contains("Reputation:Feeds:5:Url", keys);
        Assert.Equal(2, keys.Count(k => k == "Reputation:Feeds:6:Weight"));
        Assert.Contains("Reputation:Feeds:7:Name", keys);
        Assert.Contains(catalog.Problems, p => p.Message.Contains("'xml' is not one of plain, spamhaus-drop", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_CatalogWithUnknownField_ReportedAgainstTheFile()
    {
        var path = WriteCatalog("""{ "Feeds": [ { "Name": "x", "Url": "https://example.org/x", "Format": "plain", "Wieght": 5 } ] }""");

        var catalog = FeedCatalog.Load(new ReputationOptions { FeedCatalog = path }, null);

        Assert.Empty(catalog.All);
        var problem = Assert.Single(catalog.Problems);
        Assert.Equal(path, problem.Key);
        Assert.Contains("Wieght", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ConfigLoader_BadFeed_MakesTheConfigInvalid()
    {
        var config = _dir.File("rustids.json");
        File.WriteAllText(config, """{ "Reputation": { "FeedCatalog": null, "Feeds": [ { "Name": "x", "Url": "https://example.org/x", "Format": "nope" } ] } }""");

        var result = ConfigLoader.Load(config, new Dictionary<string, string?>());

        Assert.False(result.IsValid);
        Assert.Contains(result.Problems, p => p.Key == "Reputation:Feeds:0:Format");
    }
}
