namespace RustIds.IntegrationTests;

/// <summary>
/// rustids as the systemd unit runs it: its own unprivileged user with only CAP_NET_RAW and CAP_NET_ADMIN
/// (setpriv sets them up the way the unit's AmbientCapabilities and CapabilityBoundingSet do).
/// </summary>
public sealed class ServiceTests
{
    private const int HttpPort = 8080;
    private const string User = "rustids-svc-test";

    [SkippableFact]
    public void Unit_PassesSystemdAnalyzeVerify()
    {
        var analyze = ToolPaths.Find("systemd-analyze");
        Skip.If(analyze is null, "systemd-analyze not installed");
        Skip.IfNot(File.Exists("/usr/local/bin/rustids"), "the unit's ExecStart (/usr/local/bin/rustids) is installed by ./install.sh");

        var (exit, output) = ProcessRun.Run(analyze!, ["verify", Path.Combine(RepoPaths.Root, "packaging", "rustids.service")], TimeSpan.FromSeconds(60));

        Assert.True(exit == 0, output);
    }

    [SkippableFact]
    public void Run_AsUnprivilegedUserWithTwoCapabilities_CapturesAlertsAndBlocks()
    {
        var rustids = GatewayLab.RequireLabWithRustids("nftables");
        using var user = ServiceUser.Create(User);
        using var temp = new TempDirectory();
        using var lab = new GatewayLab();
        var rules = temp.File("test.rules");
        File.WriteAllText(rules, "alert http any any -> $HOME_NET any (msg:\"svc test path traversal\"; flow:to_server,established; http.uri; content:\"/etc/passwd\"; priority:1; sid:1000777; rev:1;)\n");
        var config = LabConfig.Write(temp, rules,
            reputation: new { GeoIpDatabase = (string?)null, Blocklists = Array.Empty<string>() },
            firewall: new { Backend = "nftables" });
        var binary = ServiceUser.CopyCli(rustids, temp.File("cli"));
        // The service user owns its state and logs, as install.sh --service arranges under /var.
        user.Own(temp.Path);
        using var web = lab.StartWebServer(HttpPort, temp);

        using var ids = lab.Start(lab.Gateway, user.Command(binary, "run", "--interface", lab.GatewayInterface, "--config", config, "--metrics", "off"));
        Assert.True(ids.WaitFor(o => o.Contains("Capturing on", StringComparison.Ordinal), TimeSpan.FromSeconds(60)),
            "rustids did not start capturing without root:\n" + ids.Output);

        lab.HttpGet(HttpPort, "/a/../../etc/passwd");

        var eve = temp.File("eve.json");
        Assert.True(EveLog.WaitUntil(() => EveLog.AlertSids(eve).Contains(1000777), TimeSpan.FromSeconds(20)), "no alert:\n" + ids.Output);
        Assert.True(EveLog.WaitUntil(() => lab.BlockSetHolds(lab.AttackerAddress), TimeSpan.FromSeconds(20)), "not blocked:\n" + ids.Output);
        Assert.NotEqual(0, lab.HttpGet(HttpPort, "/index.html").ExitCode);
        var (_, status) = lab.Exec(lab.Gateway, TimeSpan.FromSeconds(10), "/usr/bin/ps", "-o", "user=", "-C", "rustids");
        Assert.Contains(User, status, StringComparison.Ordinal);
        ids.Stop(TimeSpan.FromSeconds(15));
        Assert.Contains("capture:", ids.Output, StringComparison.Ordinal);
    }
}
