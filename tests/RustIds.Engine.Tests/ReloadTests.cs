using System.Net.Http.Json;
using System.Text.Json;
using RustIds.Engine.Configuration;

namespace RustIds.Engine.Tests;

/// <summary>SIGHUP's reload of a running pipeline: what changes, and what a failing part leaves alone.</summary>
public sealed class ReloadTests
{
    [Fact]
    public async Task Reload_AllowlistNowCoveringABlockedAttacker_LiftsTheBlockWhileABrokenRuleFileKeepsTheOldRules()
    {
        using var temp = new TempDirectory();
        await using var run = new LiveRun(temp, RepoPaths.SqliPcap);
        using var client = run.Client();
        await LiveRun.WaitForAsync(async () => (await client.GetFromJsonAsync<JsonElement>(new Uri("api/blocks", UriKind.Relative))).GetArrayLength() == 1,
            "the attacker's block");
        var next = ConfigLoader.Load(null).Options;
        next.Firewall.ProtectInfrastructure = false;
        next.Firewall.Allowlist = ["10.77.0.0/24"];
        next.Rules.Files = [temp.File("gone.rules")];

        var reloaded = await run.Runner.ReloadAsync(next);

        Assert.False(reloaded, "the rule file is missing: that part must report failure");
        Assert.Equal(0, (await client.GetFromJsonAsync<JsonElement>(new Uri("api/blocks", UriKind.Relative))).GetArrayLength());
        var status = await client.GetFromJsonAsync<JsonElement>(new Uri("api/status", UriKind.Relative));
        Assert.Equal(6, status.GetProperty("rules_loaded").GetInt32()); // the old rules serve on
        var explained = await client.GetFromJsonAsync<JsonElement>(new Uri("api/ip/10.77.0.2", UriKind.Relative));
        Assert.True(explained.GetProperty("allowlisted").GetBoolean());
    }

    [Fact]
    public async Task Reload_FeedAddedThenRemoved_ScoresWithItAfterTheFirstAndDropsItAfterTheSecond()
    {
        using var temp = new TempDirectory();
        await using var run = new LiveRun(temp, RepoPaths.SqliPcap);
        using var client = run.Client();
        var list = temp.File("reloaded.txt");
        File.WriteAllText(list, "198.51.100.77\n");
        var next = ConfigLoader.Load(null).Options;
        next.Rules = run.Options.Rules;
        next.Firewall = run.Options.Firewall;
        next.Notify = run.Options.Notify;
        next.Reputation.GeoIpDatabase = null;
        next.Reputation.FeedCatalog = null;
        next.Reputation.Feeds = [new FeedSettings { Name = "reloaded", File = list, Format = "plain", Weight = 30, AllowPrivate = true, Schedule = "0 0 */6 * * ?" }];

        Assert.True(await run.Runner.ReloadAsync(next));
        await LiveRun.WaitForAsync(async () => (await client.GetStringAsync(new Uri("api/feeds", UriKind.Relative))).Contains("\"reloaded\"", StringComparison.Ordinal),
            "the added feed, fetched at once");
        var explained = await client.GetStringAsync(new Uri("api/ip/198.51.100.77", UriKind.Relative));
        Assert.Contains("reloaded", explained, StringComparison.Ordinal);

        next.Reputation.Feeds = [];
        Assert.True(await run.Runner.ReloadAsync(next));
        Assert.DoesNotContain("reloaded", await client.GetStringAsync(new Uri("api/feeds", UriKind.Relative)), StringComparison.Ordinal);
        Assert.DoesNotContain("reloaded", await client.GetStringAsync(new Uri("api/ip/198.51.100.77", UriKind.Relative)), StringComparison.Ordinal);
    }
}
