namespace RustIds.Cli.Tests;

/// <summary>The CLI as an operator meets it: help, exit codes, messages.</summary>
public sealed class CommandLineTests : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("rustids-cli-").FullName;

    [Fact]
    public void Help_ListsEveryCommandAndTheExitCodes()
    {
        var result = CliRunner.Run("--help");

        Assert.Equal(0, result.ExitCode);
        foreach (var command in new[] { "replay", "run", "rules", "ip", "block", "config", "firewall", "feeds", "notify" })
            Assert.Contains(command, result.Output, StringComparison.Ordinal);
        Assert.Contains("Exit codes", result.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("replay")]
    [InlineData("run")]
    [InlineData("rules", "check")]
    [InlineData("ip", "check")]
    [InlineData("block", "list")]
    public void SubcommandHelp_ExplainsItsOptions(params string[] command)
    {
        var result = CliRunner.Run([.. command, "--help"]);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("--config", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Version_PrintsTheVersion()
    {
        var result = CliRunner.Run("--version");

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("0.1.0", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownOption_IsAUsageError()
    {
        var result = CliRunner.Run("replay", "--pcapp", "x.pcap");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--pcapp", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Replay_BundledCapture_PrintsSummaryAndWritesEve()
    {
        var eve = Path.Combine(_work, "eve.json");
        var result = CliRunner.Run("replay", "--pcap", "tests/data/pcaps/sqli-union-select.pcap", "--rules", "rules/local.rules",
            "--firewall", "dry-run", "--eve", eve);

        Assert.True(result.ExitCode == 0, result.Output + result.Error);
        Assert.Contains("packets:     24", result.Output, StringComparison.Ordinal);
        Assert.Contains("1:1000001", result.Output, StringComparison.Ordinal);
        Assert.Contains("blocked 10.77.0.2 score 60/60", result.Output, StringComparison.Ordinal);
        Assert.Contains("\"signature_id\":1000001", File.ReadAllText(eve), StringComparison.Ordinal);
    }

    [Fact]
    public void Replay_WithoutDb_LeavesNothingInTheTemporaryDirectory()
    {
        // The repository's feed catalog (its local list is on) and no FeedCacheDirectory: the cache sits beside the temporary database.
        var tmp = Directory.CreateDirectory(Path.Combine(_work, "tmp")).FullName;
        var config = Path.Combine(_work, "feeds.json");
        var catalog = Path.Combine(CliRunner.RepoRoot, "feeds", "catalog.json").Replace("\\", "/", StringComparison.Ordinal);
        File.WriteAllText(config, $$"""{ "Reputation": { "GeoIpDatabase": null, "FeedCatalog": "{{catalog}}" } }""");

        var result = CliRunner.Run(["replay", "--pcap", "tests/data/pcaps/sqli-union-select.pcap", "--rules", "rules/local.rules",
            "--config", config, "--eve", Path.Combine(_work, "eve.json")], workingDirectory: null, new Dictionary<string, string> { ["TMPDIR"] = tmp });

        Assert.True(result.ExitCode == 0, result.Output + result.Error);
        Assert.Contains("blocked 10.77.0.2", result.Output, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(tmp));
    }

    [Fact]
    public void Replay_FileFeedIntoAKeptCache_StampsTheCopyWithTheWallClockNotPacketTime()
    {
        var cache = Path.Combine(_work, "feeds");
        var config = Path.Combine(_work, "cache.json");
        var catalog = Path.Combine(CliRunner.RepoRoot, "feeds", "catalog.json").Replace("\\", "/", StringComparison.Ordinal);
        File.WriteAllText(config, $$"""{ "Reputation": { "GeoIpDatabase": null, "FeedCatalog": "{{catalog}}", "FeedCacheDirectory": "{{cache}}" } }""");

        var result = CliRunner.Run("replay", "--pcap", "tests/data/pcaps/sqli-union-select.pcap", "--rules", "rules/local.rules",
            "--config", config, "--eve", Path.Combine(_work, "eve.json"));

        Assert.True(result.ExitCode == 0, result.Output + result.Error);
        using var state = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(cache, "local.state.json")));
        Assert.True(DateTimeOffset.UtcNow - state.RootElement.GetProperty("fetchedAt").GetDateTimeOffset() < TimeSpan.FromHours(1),
            state.RootElement.GetRawText());
    }

    [Fact]
    public void Replay_NetworkModel_DelaysEveryPacketAndLosesTheSameOnesForTheSameSeed()
    {
        string[] Replay(params string[] model) => [.. new[] { "replay", "--pcap", "tests/data/pcaps/sqli-union-select.pcap", "--rules", "rules/local.rules",
            "--eve", Path.Combine(_work, "eve.json"), "--json" }.Concat(model)];
        long Packets(CliResult r) => System.Text.Json.JsonDocument.Parse(r.Output).RootElement.GetProperty("counters").GetProperty("decode").GetProperty("packets").GetInt64();

        var plain = CliRunner.Run(Replay());
        var delayed = CliRunner.Run(Replay("--latency", "2s"));
        var lossyA = CliRunner.Run(Replay("--jitter", "50ms", "--loss", "0.3", "--seed", "7"));
        var lossyB = CliRunner.Run(Replay("--jitter", "50ms", "--loss", "0.3", "--seed", "7"));
        var bad = CliRunner.Run(Replay("--loss", "1.5"));

        Assert.True(plain.ExitCode == 0 && delayed.ExitCode == 0 && lossyA.ExitCode == 0, plain.Error + delayed.Error + lossyA.Error);
        DateTimeOffset Decided(CliResult r) => System.Text.Json.JsonDocument.Parse(r.Output).RootElement.GetProperty("decisions")[0].GetProperty("at").GetDateTimeOffset();
        Assert.Equal(TimeSpan.FromSeconds(2), Decided(delayed) - Decided(plain));
        Assert.Equal(24, Packets(delayed));
        Assert.InRange(Packets(lossyA), 5, 23);
        Assert.Equal(lossyA.Output, lossyB.Output);
        Assert.Equal(1, bad.ExitCode);
        Assert.Contains("loss must be between 0 and 1", bad.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Replay_Json_GivesSummaryAndEveryCounter()
    {
        var result = CliRunner.Run("replay", "--pcap", "tests/data/pcaps/sqli-union-select.pcap", "--rules", "rules/local.rules",
            "--firewall", "dry-run", "--eve", Path.Combine(_work, "eve.json"), "--json");

        Assert.True(result.ExitCode == 0, result.Output + result.Error);
        using var json = System.Text.Json.JsonDocument.Parse(result.Output);
        var counters = json.RootElement.GetProperty("counters");
        Assert.Equal(24, counters.GetProperty("decode").GetProperty("packets").GetInt64());
        Assert.Equal(2, counters.GetProperty("flows").GetProperty("created").GetInt64()); // tshark: tcp.stream 0 and 1
        Assert.Equal(2, counters.GetProperty("app_layer").GetProperty("flows_http").GetInt64());
        Assert.Equal(2, counters.GetProperty("http").GetProperty("requests").GetInt64());
        Assert.Equal(1000001, json.RootElement.GetProperty("alerts_by_sid")[0].GetProperty("sid").GetInt64());
        Assert.Equal("blocked", json.RootElement.GetProperty("decisions")[0].GetProperty("outcome").GetString());
    }

    [Fact]
    public void Replay_Stats_PrintsCountersByGroup()
    {
        var result = CliRunner.Run("replay", "--pcap", "tests/data/pcaps/sqli-union-select.pcap", "--rules", "rules/local.rules",
            "--firewall", "dry-run", "--eve", Path.Combine(_work, "eve.json"), "--stats");

        Assert.True(result.ExitCode == 0, result.Output + result.Error);
        Assert.Matches(@"decode\.packets +24\n", result.Output);
        Assert.Matches(@"app_layer\.tx_http +2\n", result.Output);
        Assert.Matches(@"reassembly\.bytes_delivered +[1-9]", result.Output);
    }

    [Fact]
    public void Run_WorkersOutOfRange_RefusesToStart()
    {
        var result = CliRunner.Run("run", "--interface", "lo", "--workers", "0", "--firewall", "dry-run");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("--workers: must be between 1 and 64", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Replay_MissingCapture_IsAnInputErrorNamingTheFile()
    {
        var result = CliRunner.Run("replay", "--pcap", "nope.pcap", "--rules", "rules/local.rules", "--eve", Path.Combine(_work, "eve.json"));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("nope.pcap", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void RulesCheck_BrokenRules_PrintsFileLineColumnAndExitsOne()
    {
        var rules = Path.Combine(_work, "broken.rules");
        File.WriteAllText(rules, "alert tcp any any -> any 80 (msg:\"ok\"; content:\"a\"; sid:1;)\nalert tcp any any -> any 80 (msg:\"x\"; xbits:set,a,track ip_src; sid:2;)\n");

        var result = CliRunner.Run("rules", "check", rules);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"{rules}:2:39: error: unsupported keyword 'xbits' [sid 2]", result.Output, StringComparison.Ordinal);
        Assert.Contains("1 rule(s) loaded", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void RulesCheck_BundledRules_AreClean()
    {
        var result = CliRunner.Run("rules", "check", "rules/local.rules");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("0 error(s)", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void ConfigCheck_BadConfig_ListsEveryProblem()
    {
        var config = Path.Combine(_work, "bad.json");
        File.WriteAllText(config, """{ "Reputation": { "BlockThreshold": 500 }, "Logging": { "Level": "Loud" } }""");

        var result = CliRunner.Run("config", "check", "--config", config);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Reputation:BlockThreshold", result.Error, StringComparison.Ordinal);
        Assert.Contains("Logging:Level", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void IpCheck_ListedAddress_ExplainsBlocklistPoints()
    {
        var config = Path.Combine(_work, "rustids.json");
        File.WriteAllText(config, $$"""
            { "Reputation": { "GeoIpDatabase": null, "FeedCatalog": null, "Blocklists": [ "{{Path.Combine(CliRunner.RepoRoot, "feeds", "blocklist.txt")}}" ] },
              "Storage": { "DatabasePath": "{{Path.Combine(_work, "none.db")}}" } }
            """);

        var result = CliRunner.Run("ip", "check", "203.0.113.7", "--config", config);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("feeds:       blocklist: 203.0.113.0-203.0.113.255, copy", result.Output, StringComparison.Ordinal);
        Assert.Contains("blocklist: listed in blocklist (+40)", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void IpCheck_NotAnAddress_IsAnInputError()
    {
        var result = CliRunner.Run("ip", "check", "300.1.1.1");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("not an IP address", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void BlockAddListRemove_DryRun_RoundTripsThroughTheDatabase()
    {
        var config = Path.Combine(_work, "rustids.json");
        File.WriteAllText(config, $$"""{ "Storage": { "DatabasePath": "{{Path.Combine(_work, "blocks.db")}}" } }""");

        var add = CliRunner.Run("block", "add", "198.51.100.9", "--duration", "00:10:00", "--reason", "test", "--config", config, "--firewall", "dry-run");
        var list = CliRunner.Run("block", "list", "--json", "--config", config);
        var remove = CliRunner.Run("block", "remove", "198.51.100.9", "--config", config, "--firewall", "dry-run");
        var after = CliRunner.Run("block", "list", "--config", config);

        Assert.True(add.ExitCode == 0, add.Output + add.Error);
        Assert.Contains("\"target\": \"198.51.100.9\"", list.Output, StringComparison.Ordinal);
        Assert.Contains("unblocked", remove.Output, StringComparison.Ordinal);
        Assert.Contains("no active blocks", after.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void BlockAdd_PrefixRateLimitAndShortDuration_ListedWithActionAndLevel()
    {
        var config = Path.Combine(_work, "rustids.json");
        File.WriteAllText(config, $$"""{ "Storage": { "DatabasePath": "{{Path.Combine(_work, "blocks.db")}}" } }""");

        var add = CliRunner.Run("block", "add", "2001:db8:66::/48", "--duration", "12h", "--rate-limit", "--config", config, "--firewall", "dry-run");
        var table = CliRunner.Run("block", "list", "--config", config, "--firewall", "dry-run");
        var json = CliRunner.Run("block", "list", "--json", "--config", config, "--firewall", "dry-run");

        Assert.True(add.ExitCode == 0, add.Output + add.Error);
        Assert.Contains("2001:db8:66::/48: rate-limited until", add.Output, StringComparison.Ordinal);
        Assert.Matches(@"2001:db8:66::/48 +rate-limit +100 +0 ", table.Output);
        using var document = System.Text.Json.JsonDocument.Parse(json.Output);
        var row = Assert.Single(document.RootElement.EnumerateArray().ToList());
        Assert.Equal("rate-limit", row.GetProperty("action").GetString());
        var hours = (row.GetProperty("expires_at").GetDateTimeOffset() - row.GetProperty("created_at").GetDateTimeOffset()).TotalHours;
        Assert.Equal(12, hours, precision: 3);
    }

    [Theory]
    [InlineData("10.0.0.1/8", "host bits set; did you mean 10.0.0.0/8?")]
    [InlineData("0.0.0.0/0", "covers a whole address family")]
    [InlineData("10.0.0.300", "not an IP address or CIDR prefix")]
    public void BlockAdd_BadTarget_PreciseErrorAndNothingStored(string target, string expected)
    {
        var config = Path.Combine(_work, "rustids.json");
        File.WriteAllText(config, $$"""{ "Storage": { "DatabasePath": "{{Path.Combine(_work, "blocks.db")}}" } }""");

        var add = CliRunner.Run("block", "add", target, "--config", config, "--firewall", "dry-run");

        Assert.Equal(1, add.ExitCode);
        Assert.Contains(expected, add.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_work, "blocks.db")));
    }

    [Fact]
    public void BlockAdd_BadDuration_ListsTheAcceptedForms()
    {
        var add = CliRunner.Run("block", "add", "198.51.100.9", "--duration", "soon", "--firewall", "dry-run");

        Assert.Equal(1, add.ExitCode);
        Assert.Contains("90s, 30m, 12h, 2d, 1w", add.Error, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_work, recursive: true);

    [SkippableFact]
    public void RulesKeywords_Markdown_IsTheCommittedDocument()
    {
        Skip.IfNot(Directory.Exists(Path.Combine(RepoPaths.SharedData, "rules", "et-open")), "shared rule sets not present");

        var result = CliRunner.Run("rules", "keywords", "--markdown", "../shared/data/rules/et-open", "../shared/data/rules/snort3-community");

        Assert.Equal(0, result.ExitCode);
        var committed = File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "rule-keywords.md"));
        Assert.True(committed == result.Output, "docs/rule-keywords.md is out of date: regenerate it with the command it names");
    }
}
