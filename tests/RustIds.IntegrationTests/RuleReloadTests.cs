using System.Text.Json;
using RustIds.Testing;

namespace RustIds.IntegrationTests;

/// <summary>`rustids run` on a live interface reloads its rules on SIGHUP without stopping capture, and keeps them when the reload fails.</summary>
public sealed class RuleReloadTests
{
    private const int HttpPort = 8081;

    [SkippableFact]
    public void Run_Sighup_NewRulesServeTheNextRequestAndABrokenReloadKeepsThem()
    {
        Skip.IfNot(ToolPaths.IsRoot, "needs root for network namespaces");
        Skip.If(ToolPaths.Ip is null || ToolPaths.Curl is null || ToolPaths.DebianPython is null, "needs ip, curl and /usr/bin/python3");
        var rustids = ToolPaths.Rustids;
        Skip.If(rustids is null, "rustids CLI not found: set RUSTIDS_BIN or run ./install.sh");

        using var temp = new TempDirectory();
        using var lab = new GatewayLab();
        var rules = temp.File("reload.rules");
        File.WriteAllText(rules, Rule(1, "/first"));
        var config = WriteConfig(temp, rules);
        File.WriteAllText(temp.File("index.html"), "hello\n");
        using var web = lab.Start(lab.Gateway, ToolPaths.DebianPython!, "-m", "http.server", HttpPort.ToString(), "--bind", lab.GatewayAddress, "--directory", temp.Path);
        Assert.True(EveLog.WaitUntil(() => Curl(lab, "/") == 0, TimeSpan.FromSeconds(15)), "HTTP server unreachable");

        using var ids = lab.Start(lab.Gateway, rustids!, "run", "--interface", lab.GatewayInterface, "--config", config);
        Assert.True(ids.WaitFor(o => o.Contains("Capturing on", StringComparison.Ordinal), TimeSpan.FromSeconds(60)), "no capture:\n" + ids.Output);

        var eve = temp.File("eve.json");
        Curl(lab, "/first");
        Assert.True(EveLog.WaitUntil(() => EveLog.AlertSids(eve).Contains(1), TimeSpan.FromSeconds(20)), "sid 1 did not alert:\n" + ids.Output);

        File.WriteAllText(rules, Rule(2, "/second"));
        ids.Signal("HUP");
        Assert.True(ids.WaitFor(o => o.Contains("Rules reloaded: 1 rules in use", StringComparison.Ordinal), TimeSpan.FromSeconds(30)), "no reload:\n" + ids.Output);
        Curl(lab, "/second");
        Curl(lab, "/first");
        Assert.True(EveLog.WaitUntil(() => EveLog.AlertSids(eve).Contains(2), TimeSpan.FromSeconds(20)), "sid 2 did not alert after the reload:\n" + ids.Output);

        File.Delete(rules);
        ids.Signal("HUP");
        Assert.True(ids.WaitFor(o => o.Contains("Rule reload failed, the previous rules stay in use", StringComparison.Ordinal), TimeSpan.FromSeconds(30)),
            "no failed reload:\n" + ids.Output);
        Curl(lab, "/second");
        Assert.True(EveLog.WaitUntil(() => EveLog.AlertSids(eve).Count(s => s == 2) >= 2, TimeSpan.FromSeconds(20)), "the kept rules stopped alerting:\n" + ids.Output);

        ids.Stop(TimeSpan.FromSeconds(10));
        Assert.Equal(1, EveLog.AlertSids(eve).Count(s => s == 1));
    }

    private static string Rule(int sid, string path) =>
        $"alert http any any -> any any (msg:\"reload test {path}\"; flow:established,to_server; http.uri; content:\"{path}\"; startswith; classtype:misc-activity; sid:{sid}; rev:1;)\n";

    private static string WriteConfig(TempDirectory temp, string rules)
    {
        return LabConfig.Write(temp, rules,
            reputation: new { GeoIpDatabase = (string?)null, Blocklists = Array.Empty<string>() },
            firewall: new { Backend = "dry-run" });
    }

    private static int Curl(GatewayLab lab, string path) => lab.HttpGet(HttpPort, path).ExitCode;
}
