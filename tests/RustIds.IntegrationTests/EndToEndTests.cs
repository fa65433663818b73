using System.Text.Json;
using System.Text.RegularExpressions;

namespace RustIds.IntegrationTests;

/// <summary>
/// The walking skeleton's proof: a real attacker namespace sends an SQL injection through a veth to a
/// gateway namespace where `rustids run` captures it, alerts, blocks it in nftables, emails and
/// posts a webhook, and lets it through again once the block expires.
/// </summary>
public sealed class EndToEndTests
{
    private const int HttpPort = 8080;
    private const int SmtpPort = 2525;
    private const int WebhookPort = 8025;
    private const long Sid = 1000001;
    private static readonly TimeSpan BlockDuration = TimeSpan.FromSeconds(6);

    [SkippableFact]
    public void Run_SqlInjectionFromAttacker_BlocksNotifiesThenExpires()
    {
        Skip.IfNot(ToolPaths.IsRoot, "needs root for network namespaces and nftables");
        Skip.If(ToolPaths.Ip is null || ToolPaths.Nft is null || ToolPaths.Curl is null || ToolPaths.DebianPython is null,
            "needs ip, nft, curl and /usr/bin/python3 with aiosmtpd (./install.sh installs them)");
        var rustids = ToolPaths.Rustids;
        Skip.If(rustids is null, "rustids CLI not found: set RUSTIDS_BIN or run ./install.sh");

        using var temp = new TempDirectory();
        using var lab = new GatewayLab();
        var python = ToolPaths.DebianPython!;
        var config = WriteConfig(temp, lab);

        using var web = lab.Start(lab.Gateway, python, "-m", "http.server", HttpPort.ToString(), "--bind", lab.GatewayAddress, "--directory", temp.Path);
        using var smtp = lab.Start(lab.Gateway, python, "-m", "aiosmtpd", "-n", "-l", $"127.0.0.1:{SmtpPort}");
        File.WriteAllText(temp.File("webhook.py"), WebhookListenerScript.Source);
        using var hook = lab.Start(lab.Gateway, python, temp.File("webhook.py"), WebhookPort.ToString());
        Assert.True(hook.WaitFor(o => o.Contains("READY"), TimeSpan.FromSeconds(15)), "webhook listener did not start: " + hook.Output);
        Assert.True(EveLog.WaitUntil(() => Curl(lab, "/").ExitCode == 0, TimeSpan.FromSeconds(15)), "HTTP server unreachable before the attack");

        using var ids = lab.Start(lab.Gateway, rustids!, "run", "--interface", lab.GatewayInterface, "--config", config);
        Assert.True(ids.WaitFor(o => o.Contains("Capturing on", StringComparison.Ordinal), TimeSpan.FromSeconds(60)),
            "rustids run did not start capturing:\n" + ids.Output);

        Curl(lab, "/products?id=1%20UNION%20SELECT%20username,password%20FROM%20users");

        var eve = temp.File("eve.json");
        Assert.True(EveLog.WaitUntil(() => EveLog.AlertSids(eve).Contains(Sid), TimeSpan.FromSeconds(20)), "no EVE alert for sid 1000001:\n" + ids.Output);
        Assert.True(EveLog.WaitUntil(() => lab.BlockSetHolds(lab.AttackerAddress), TimeSpan.FromSeconds(20)),
            "attacker not in block_v4:\n" + ids.Output);

        var blocked = Curl(lab, "/index.html");
        Assert.NotEqual(0, blocked.ExitCode);

        Assert.True(smtp.WaitFor(o => o.Contains("MESSAGE FOLLOWS"), TimeSpan.FromSeconds(20)), "no email:\n" + ids.Output);
        Assert.True(hook.WaitFor(o => o.Contains("POST "), TimeSpan.FromSeconds(20)), "no webhook POST:\n" + ids.Output);
        // Prometheus scrapes the gateway's loopback, where `rustids run` serves /metrics by default.
        var (metricsExit, metrics) = lab.Exec(lab.Gateway, TimeSpan.FromSeconds(10), ToolPaths.Curl!, "-sS", "--max-time", "5", "http://127.0.0.1:9911/metrics");
        Assert.True(metricsExit == 0, "no /metrics: " + metrics);
        Assert.Contains($"rustids_alerts_total{{gid=\"1\",sid=\"{Sid}\",severity=\"1\"}} 1", metrics, StringComparison.Ordinal);
        Assert.Contains("rustids_active_blocks{backend=\"nftables\",action=\"block\"} 1", metrics, StringComparison.Ordinal);
        Assert.Matches(@"rustids_kernel_packets_total [1-9]", metrics);
        var blockList = ProcessRun.Run(rustids!, ["block", "list", "--json", "--config", config], TimeSpan.FromSeconds(30));
        Assert.Equal(0, blockList.ExitCode);
        Assert.Contains(lab.AttackerAddress, blockList.Output);

        Assert.True(EveLog.WaitUntil(() => !lab.BlockSetHolds(lab.AttackerAddress), BlockDuration + TimeSpan.FromSeconds(30)),
            "block did not expire:\n" + ids.Output);
        Assert.True(EveLog.WaitUntil(() => Curl(lab, "/index.html").ExitCode == 0, TimeSpan.FromSeconds(15)), "attacker still cut off after expiry");

        // Notify:UnblockNotices: the end of the block is announced too.
        Assert.True(hook.WaitFor(o => o.Contains("\"event\":\"unblock\"", StringComparison.Ordinal), TimeSpan.FromSeconds(20)), "no unblock POST:\n" + ids.Output);
        Assert.True(smtp.WaitFor(o => Regex.Count(o, "MESSAGE FOLLOWS") == 2, TimeSpan.FromSeconds(20)), "no unblock email:\n" + ids.Output);
        ids.Stop(TimeSpan.FromSeconds(10));
        Assert.Matches(@"capture: +[1-9]\d* received by the kernel, 0 dropped", ids.Output);
        var mail = smtp.Output;
        Assert.Equal(2, Regex.Count(mail, "MESSAGE FOLLOWS"));
        Assert.Contains(lab.AttackerAddress, mail);
        Assert.Contains(Sid.ToString(), mail);
        Assert.Contains("xpire", mail);
        Assert.Contains("unblock (expired) " + lab.AttackerAddress, mail);
        var posts = hook.Output.Split('\n').Where(l => l.StartsWith("POST ", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, posts.Count);
        Assert.Contains(lab.AttackerAddress, posts[0]);
        Assert.Contains(Sid.ToString(), posts[0]);
        Assert.Contains("expires_at", posts[0]);
        Assert.Contains("\"event\":\"block\"", posts[0]);
        Assert.Contains("\"event\":\"unblock\"", posts[1]);
    }

    private static string WriteConfig(TempDirectory temp, GatewayLab lab)
    {
        var rules = temp.File("test.rules");
        File.WriteAllText(rules,
            $"alert tcp any any -> $HOME_NET any (msg:\"E2E SQL injection UNION SELECT\"; flow:to_server,established; content:\"UNION\"; nocase; content:\"SELECT\"; nocase; distance:0; classtype:web-application-attack; priority:1; sid:{Sid}; rev:1;)\n");
        File.WriteAllText(temp.File("index.html"), "hello\n");
        // Two workers in one AF_PACKET fanout group: the attack's flow must reach one of them whole.
        return LabConfig.Write(temp, rules,
            reputation: new { GeoIpDatabase = (string?)null, Blocklists = Array.Empty<string>(), BaseBlockDuration = BlockDuration.ToString() },
            firewall: new { Backend = "nftables", ExpirySweepInterval = "00:00:00.500" },
            notify: new
            {
                UnblockNotices = true,
                Email = new { Enabled = true, Host = "127.0.0.1", Port = SmtpPort, From = "rustids@gateway.test", To = new[] { "ops@gateway.test" } },
                Webhooks = new[] { new { Url = $"http://127.0.0.1:{WebhookPort}/hook" } },
            },
            capture: new { Workers = 2 });
    }

    private static (int ExitCode, string Output) Curl(GatewayLab lab, string path) => lab.HttpGet(HttpPort, path);
}
