using System.Text.Json;

namespace RustIds.IntegrationTests;

/// <summary>A rule fires against an allowlisted attacker: alerted, recorded as refused, never blocked.</summary>
public sealed class AllowlistEndToEndTests
{
    private const int HttpPort = 8080;
    private const long Sid = 1000003;

    [SkippableTheory]
    [InlineData("nftables")]
    [InlineData("iptables")]
    public void Run_RuleFiresAgainstAllowlistedAddress_AlertedButNeverBlocked(string backend)
    {
        var rustids = GatewayLab.RequireLabWithRustids(backend);

        using var temp = new TempDirectory();
        using var lab = new GatewayLab();
        var firewall = new FirewallProbe(lab, backend);
        var config = WriteConfig(temp, backend, lab.AttackerAddress);
        using var web = lab.StartWebServer(HttpPort, temp);

        using var ids = lab.Start(lab.Gateway, rustids, "run", "--interface", lab.GatewayInterface, "--config", config);
        Assert.True(ids.WaitFor(o => o.Contains("Capturing on", StringComparison.Ordinal), TimeSpan.FromSeconds(60)), "rustids did not start:\n" + ids.Output);

        Curl(lab, "/q?x=1%20UNION%20SELECT%20secret");

        var eve = temp.File("eve.json");
        Assert.True(EveLog.WaitUntil(() => EveLog.AlertSids(eve).Contains(Sid), TimeSpan.FromSeconds(20)), "no alert:\n" + ids.Output);
        Assert.True(EveLog.WaitUntil(() => File.Exists(temp.File("decisions.json")) && File.ReadAllText(temp.File("decisions.json")).Contains("refused-allowlisted"),
            TimeSpan.FromSeconds(20)), "no refused decision:\n" + ids.Output);
        Assert.Contains("Refused to block " + lab.AttackerAddress, ids.Output, StringComparison.Ordinal);
        Assert.False(firewall.Holds(lab.AttackerAddress), "an allowlisted address reached the block set");
        Assert.Equal(0, Curl(lab, "/").ExitCode);
        var alert = File.ReadLines(eve).Select(l => JsonDocument.Parse(l).RootElement).First(e => e.GetProperty("event_type").GetString() == "alert");
        Assert.Equal("allowed", alert.GetProperty("alert").GetProperty("action").GetString());
        ids.Stop(TimeSpan.FromSeconds(10));
    }

    private static string WriteConfig(TempDirectory temp, string backend, string allowlisted)
    {
        var rules = temp.File("test.rules");
        File.WriteAllText(rules,
            $"alert tcp any any -> $HOME_NET any (msg:\"allowlist test UNION SELECT\"; flow:to_server,established; content:\"UNION\"; nocase; content:\"SELECT\"; nocase; distance:0; priority:1; sid:{Sid}; rev:1;)\n");
        return LabConfig.Write(temp, rules,
            reputation: new { GeoIpDatabase = (string?)null },
            firewall: new { Backend = backend, Allowlist = new[] { allowlisted + "/32" } });
    }

    private static (int ExitCode, string Output) Curl(GatewayLab lab, string path) => lab.HttpGet(HttpPort, path);
}
