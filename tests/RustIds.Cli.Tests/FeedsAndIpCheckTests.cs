using System.Text.Json;

namespace RustIds.Cli.Tests;

/// <summary><c>rustids feeds list|update</c> and <c>rustids ip check</c> on the real feed snapshots and MaxMind test databases.</summary>
public sealed class FeedsAndIpCheckTests : IDisposable
{
    private static readonly string Feeds = Path.Combine(RepoPaths.SharedData, "feeds");
    private static readonly string GeoIp = Path.Combine(RepoPaths.SharedData, "geoip", "maxmind-test");
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    /// <summary>A config whose database, cache and feeds all live in the test's directory.</summary>
    private string Config(object? feeds = null, object? countryWeights = null)
    {
        var path = _dir.File("rustids.json");
        File.WriteAllText(path, JsonSerializer.Serialize(new
        {
            Reputation = new
            {
                FeedCatalog = (string?)null,
                GeoIpDatabase = (string?)null,
                Feeds = feeds ?? Array.Empty<object>(),
                FeedCacheDirectory = _dir.File("cache"),
                CountryWeights = countryWeights ?? new { },
            },
            Storage = new { DatabasePath = _dir.File("rustids.db") },
        }));
        return path;
    }

    private string Copy(string relative)
    {
        var target = _dir.File(Path.GetFileName(relative));
        File.Copy(Path.Combine(Feeds, relative), target, overwrite: true);
        return target;
    }

    [Fact]
    public void FeedsUpdate_RealSnapshotAndGarbage_UpdatesOne_RejectsTheOther_ListShowsTheAlarm()
    {
        var junk = _dir.File("junk.txt");
        File.WriteAllText(junk, "<html>\n<body>502 Bad Gateway</body>\n</html>\n");
        var config = Config(new object[]
        {
            new { Name = "drop", File = Copy("spamhaus-drop-json/drop_v4.json"), Format = "spamhaus-json", Category = "hijacked" },
            new { Name = "junk", File = junk, Format = "plain" },
        });

        var update = CliRunner.Run("feeds", "update", "--config", config);

        Assert.True(update.ExitCode == 1, update.Output + update.Error);
        Assert.Contains("drop: updated: 1670 entries", update.Output, StringComparison.Ordinal);
        Assert.Contains("junk: rejected: no usable entry in 3 line(s)", update.Output, StringComparison.Ordinal);
        Assert.Contains("junk.txt(1,1)", update.Output, StringComparison.Ordinal);

        var list = CliRunner.Run("feeds", "list", "--config", config);
        Assert.True(list.ExitCode == 0, list.Output + list.Error);
        var dropRow = list.Output.Split('\n').Single(l => l.StartsWith("drop ", StringComparison.Ordinal));
        Assert.Contains("1670", dropRow, StringComparison.Ordinal);
        Assert.Contains("updated", dropRow, StringComparison.Ordinal);
        Assert.Contains(list.Output.Split('\n'), l => l.StartsWith("junk ", StringComparison.Ordinal) && l.Contains("ALARM rejected", StringComparison.Ordinal));

        var json = CliRunner.Run("feeds", "list", "--json", "--config", config);
        var rows = json.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(1670, rows.Single(r => r.GetProperty("name").GetString() == "drop").GetProperty("entries").GetInt32());
        Assert.True(rows.Single(r => r.GetProperty("name").GetString() == "junk").GetProperty("alarm").GetBoolean());

        var again = CliRunner.Run("feeds", "update", "drop", "--config", config);
        Assert.True(again.ExitCode == 0, again.Output + again.Error);
        Assert.Contains("drop: unchanged", again.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void FeedsUpdate_UnknownName_ListsTheKnownOnes()
    {
        var config = Config(new object[] { new { Name = "drop", File = Copy("spamhaus-drop/drop.txt"), Format = "spamhaus-drop" } });

        var result = CliRunner.Run("feeds", "update", "nosuch", "--config", config);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("no feed named 'nosuch'; known: drop", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void IpCheck_AdHocFeeds_ExplainsListingsHitsAndScore()
    {
        var config = Config();

        var result = CliRunner.Run("ip", "check", "2.57.122.53", "--json", "--config", config,
            "--feed", "ipsum:" + Path.Combine(Feeds, "stamparm-ipsum", "ipsum.txt"),
            "--feed", Path.Combine(Feeds, "spamhaus-drop-json", "drop_v4.json"));

        Assert.True(result.ExitCode == 0, result.Output + result.Error);
        var root = JsonDocument.Parse(result.Output).RootElement;
        Assert.Equal(2, root.GetProperty("feedsLoaded").GetInt32());
        // IPsum lists it on 9 source lists; Spamhaus DROP lists its /24 (SBL636050).
        var listings = root.GetProperty("feeds").EnumerateArray().ToDictionary(f => f.GetProperty("name").GetString()!);
        Assert.Equal(9, listings["ipsum.txt"].GetProperty("hits").GetInt32());
        Assert.Equal("2.57.122.0", listings["drop_v4.json"].GetProperty("rangeFirst").GetString());
        Assert.Equal("2.57.122.255", listings["drop_v4.json"].GetProperty("rangeLast").GetString());
        var verdict = root.GetProperty("verdict");
        Assert.Equal(50, verdict.GetProperty("score").GetInt32());
        Assert.Equal("Alert", verdict.GetProperty("action").GetString());
        var reasons = verdict.GetProperty("reasons").EnumerateArray().Select(r => (r.GetProperty("detail").GetString(), r.GetProperty("points").GetInt32())).ToList();
        Assert.Equal([("listed in ipsum.txt", 40), ("listed in drop_v4.json", 10)], reasons);
        Assert.Equal("Block", root.GetProperty("verdictWithPriority1Alert").GetProperty("action").GetString());
    }

    [Fact]
    public void IpCheck_SniffedSpamhausJson_ShowsTheListedRange()
    {
        var result = CliRunner.Run("ip", "check", "1.10.20.30", "--config", Config(),
            "--feed", Path.Combine(Feeds, "spamhaus-drop-json", "drop_v4.json"));

        Assert.True(result.ExitCode == 0, result.Output + result.Error);
        Assert.Contains("drop_v4.json: 1.10.16.0-1.10.31.255", result.Output, StringComparison.Ordinal);
        Assert.Contains("blocklist: listed in drop_v4.json (+40)", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void IpCheck_GeoIpTestDatabases_CountryWeightAndAsn()
    {
        var country = CliRunner.Run("ip", "check", "214.78.120.5", "--json", "--config", Config(countryWeights: new { US = 15 }),
            "--geoip", Path.Combine(GeoIp, "GeoIP2-Country-Test.mmdb"));
        Assert.True(country.ExitCode == 0, country.Output + country.Error);
        var root = JsonDocument.Parse(country.Output).RootElement;
        Assert.Equal("US", root.GetProperty("country").GetString());
        Assert.Equal(15, root.GetProperty("verdict").GetProperty("score").GetInt32());

        var asn = CliRunner.Run("ip", "check", "1.128.0.1", "--json", "--config", Config(), "--geoip", Path.Combine(GeoIp, "GeoLite2-ASN-Test.mmdb"));
        Assert.True(asn.ExitCode == 0, asn.Output + asn.Error);
        Assert.Equal(1221u, JsonDocument.Parse(asn.Output).RootElement.GetProperty("asn").GetUInt32());
    }

    [Theory]
    [InlineData("--geoip", "MaxMind-DB-test-broken-search-tree-24.mmdb")]
    [InlineData("--geoip", "no-such.mmdb")]
    [InlineData("--feed", "no-such-feed.txt")]
    public void IpCheck_BadFile_ClearErrorExitOne(string option, string file)
    {
        var path = option == "--geoip" ? Path.Combine(GeoIp, file) : _dir.File(file);

        var result = CliRunner.Run("ip", "check", "203.0.113.9", "--config", Config(), option, path);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(file, result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled", result.Error, StringComparison.Ordinal);
    }
}
