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
}
