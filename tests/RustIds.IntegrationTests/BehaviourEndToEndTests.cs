using System.Text.RegularExpressions;

namespace RustIds.IntegrationTests;

/// <summary>
/// The daemon as operators run it, against three attackers at once: `rustids run` as an unprivileged user with only
/// CAP_NET_RAW and CAP_NET_ADMIN (the systemd unit's command line) watches a gateway namespace; from the attacker
/// namespace one address port-scans, one brute-forces SSH and one sends an SQL injection. Each ends up blocked in
/// nftables for its own reason, /metrics counts the detections, the API lists the blocks, email and webhook tell
/// people, and once the blocks expire the attackers get through again.
/// </summary>
public sealed class BehaviourEndToEndTests
{
    private const string User = "rustids-e2e";
    private const int HttpPort = 8080;
    private const int SmtpPort = 2525;
    private const int WebhookPort = 8025;
    private const long InjectionSid = 1000901;
    private const string Token = "e2e-api-token-0123456789abcdef";
    private static readonly TimeSpan BlockDuration = TimeSpan.FromSeconds(10);

    [SkippableFact]
    public void Run_ScanBruteForceAndInjection_EachAttackerBlockedForItsReason_ThenLetThrough()
    {
        var rustids = GatewayLab.RequireLabWithRustids("nftables");
        using var user = ServiceUser.Create(User);
        using var temp = new TempDirectory();
        using var lab = new GatewayLab();
        var prefix = lab.AttackerAddress[..lab.AttackerAddress.LastIndexOf('.')];
        var scanner = lab.AttackerAddress;
        var bruteForcer = prefix + ".3";
        var injector = prefix + ".4";
        foreach (var extra in new[] { bruteForcer, injector })
            ProcessRun.RunChecked(ToolPaths.Ip!, "-n", lab.Attacker, "addr", "add", extra + "/24", "dev", lab.AttackerInterface);
        var python = ToolPaths.DebianPython!;
        File.WriteAllText(temp.File("attack.py"), AttackScripts.Attacker);
        File.WriteAllText(temp.File("sshd.py"), AttackScripts.FakeSshServer);
        File.WriteAllText(temp.File("webhook.py"), WebhookListenerScript.Source);
        File.WriteAllText(temp.File("api.token"), Token + "\n");
        var config = WriteConfig(temp);
        var binary = ServiceUser.CopyCli(rustids, temp.File("cli"));
        user.Own(temp.Path);
        ProcessRun.RunChecked("/usr/bin/chmod", "600", temp.File("api.token"));

        using var web = lab.StartWebServer(HttpPort, temp);
        using var sshd = lab.Start(lab.Gateway, python, temp.File("sshd.py"), lab.GatewayAddress);
        using var smtp = lab.Start(lab.Gateway, python, "-m", "aiosmtpd", "-n", "-l", $"127.0.0.1:{SmtpPort}");
        using var hook = lab.Start(lab.Gateway, python, temp.File("webhook.py"), WebhookPort.ToString());
        Assert.True(sshd.WaitFor(o => o.Contains("READY"), TimeSpan.FromSeconds(15)), "fake sshd did not start: " + sshd.Output);
        Assert.True(hook.WaitFor(o => o.Contains("READY"), TimeSpan.FromSeconds(15)), "webhook listener did not start: " + hook.Output);

        // The unit's command line: its own user, the two capabilities ambient and nothing else in the bounding set.
        using var ids = lab.Start(lab.Gateway, user.Command(binary, "run", "--interface", lab.GatewayInterface, "--config", config));
        Assert.True(ids.WaitFor(o => o.Contains("Capturing on", StringComparison.Ordinal), TimeSpan.FromSeconds(60)),
            "rustids did not start capturing without root:\n" + ids.Output);

        var scan = lab.Exec(lab.Attacker, TimeSpan.FromSeconds(90), python, temp.File("attack.py"), "scan", scanner, lab.GatewayAddress);
        var login = lab.Exec(lab.Attacker, TimeSpan.FromSeconds(90), python, temp.File("attack.py"), "ssh", bruteForcer, lab.GatewayAddress);
        lab.Exec(lab.Attacker, TimeSpan.FromSeconds(10), ToolPaths.Curl!, "-s", "-o", "/dev/null", "-m", "3", "--interface", injector,
            $"http://{lab.GatewayAddress}:{HttpPort}/products?id=1%20UNION%20SELECT%20password%20FROM%20users");

        foreach (var attacker in new[] { scanner, bruteForcer, injector })
        {
            Assert.True(EveLog.WaitUntil(() => lab.BlockSetHolds(attacker), TimeSpan.FromSeconds(30)),
                $"{attacker} not blocked (scan: {scan.Output}; ssh: {login.Output}):\n{ids.Output}");
        }
        Assert.NotEqual(0, Curl(lab, scanner).ExitCode);

        var blocks = ProcessRun.Run(rustids, ["block", "list", "--json", "--config", config], TimeSpan.FromSeconds(30));
        Assert.Equal(0, blocks.ExitCode);
        Assert.Matches($"{Regex.Escape(scanner)}[^}}]*RUSTIDS fast port scan: 1\\d\\d distinct destination ports", blocks.Output);
        Assert.Matches($"{Regex.Escape(bruteForcer)}[^}}]*RUSTIDS login brute force: 20 connection attempts", blocks.Output);
        Assert.Matches($"{Regex.Escape(injector)}[^}}]*E2E SQL injection", blocks.Output);

        var (metricsExit, metrics) = Get(lab, "http://127.0.0.1:9911/metrics");
        Assert.True(metricsExit == 0, "no /metrics: " + metrics);
        Assert.Contains("rustids_alerts_total{gid=\"9901\",sid=\"1\",severity=\"1\"} 1", metrics, StringComparison.Ordinal);
        Assert.Contains("rustids_alerts_total{gid=\"9901\",sid=\"20\",severity=\"1\"} 1", metrics, StringComparison.Ordinal);
        Assert.Contains($"rustids_alerts_total{{gid=\"1\",sid=\"{InjectionSid}\",severity=\"1\"}} 1", metrics, StringComparison.Ordinal);
        Assert.Contains("rustids_detections_total{kind=\"port_scan\"} 1", metrics, StringComparison.Ordinal);
        Assert.Contains("rustids_detections_total{kind=\"brute_force\"} 1", metrics, StringComparison.Ordinal);
        Assert.Contains("rustids_detections_total{kind=\"dns_tunnel\"} 0", metrics, StringComparison.Ordinal);
        Assert.Contains("rustids_active_blocks{backend=\"nftables\",action=\"block\"} 3", metrics, StringComparison.Ordinal);
        var (apiExit, api) = Get(lab, "http://127.0.0.1:9912/api/blocks", "-H", "Authorization: Bearer " + Token);
        Assert.True(apiExit == 0, "no /api/blocks: " + api);
        Assert.All(new[] { scanner, bruteForcer, injector }, a => Assert.Contains($"\"{a}", api, StringComparison.Ordinal));

        Assert.True(hook.WaitFor(o => new[] { scanner, bruteForcer, injector }.All(a => o.Contains(a, StringComparison.Ordinal)), TimeSpan.FromSeconds(30)),
            "webhook did not hear of all three blocks:\n" + hook.Output);
        Assert.True(smtp.WaitFor(o => o.Contains("MESSAGE FOLLOWS") && o.Contains("login brute force", StringComparison.Ordinal), TimeSpan.FromSeconds(30)),
            "no email about the brute force:\n" + smtp.Output);

        foreach (var attacker in new[] { scanner, bruteForcer, injector })
        {
            Assert.True(EveLog.WaitUntil(() => !lab.BlockSetHolds(attacker), BlockDuration + TimeSpan.FromSeconds(30)), $"{attacker}'s block did not expire");
        }
        Assert.True(EveLog.WaitUntil(() => Curl(lab, scanner).ExitCode == 0, TimeSpan.FromSeconds(15)), "scanner still cut off after expiry");
        Assert.True(EveLog.WaitUntil(() => Curl(lab, bruteForcer).ExitCode == 0, TimeSpan.FromSeconds(15)), "brute-forcer still cut off after expiry");
        ids.Stop(TimeSpan.FromSeconds(15));

        string WriteConfig(TempDirectory temp)
        {
            var rules = temp.File("test.rules");
            File.WriteAllText(rules, "alert http any any -> $HOME_NET any (msg:\"E2E SQL injection UNION SELECT\"; flow:to_server,established; http.uri; " +
                $"content:\"UNION\"; nocase; content:\"SELECT\"; nocase; distance:0; priority:1; sid:{InjectionSid}; rev:1;)\n");
            return LabConfig.Write(temp, rules,
                reputation: new { GeoIpDatabase = (string?)null, Blocklists = Array.Empty<string>(), BaseBlockDuration = BlockDuration.ToString() },
                firewall: new { Backend = "nftables", ExpirySweepInterval = "00:00:00.500" },
                notify: new
                {
                    Email = new { Enabled = true, Host = "127.0.0.1", Port = SmtpPort, From = "rustids@gateway.test", To = new[] { "ops@gateway.test" } },
                    Webhooks = new[] { new { Url = $"http://127.0.0.1:{WebhookPort}/hook" } },
                },
                api: new { TokenFile = temp.File("api.token") });
        }
    }

    private static (int ExitCode, string Output) Curl(GatewayLab lab, string source) =>
        lab.Exec(lab.Attacker, TimeSpan.FromSeconds(10), ToolPaths.Curl!, "-s", "-o", "/dev/null", "-m", "3", "--interface", source,
            $"http://{lab.GatewayAddress}:{HttpPort}/index.html");

    private static (int ExitCode, string Output) Get(GatewayLab lab, string url, params string[] extra) =>
        lab.Exec(lab.Gateway, TimeSpan.FromSeconds(10), [ToolPaths.Curl!, "-sS", "--max-time", "5", .. extra, url]);
}
