namespace RustIds.IntegrationTests;

/// <summary>
/// A push-to-firewall feed end to end: downloaded over real HTTP by <c>rustids feeds update</c>, put into the real
/// firewall as its own set, traffic from a listed address dropped, and let through again when a new copy drops it.
/// </summary>
public sealed class FeedFirewallTests
{
    private const int HttpPort = 8080;
    private const int FeedPort = 8099;

    [SkippableTheory]
    [InlineData("nftables")]
    [InlineData("iptables")]
    public void FeedsUpdate_PushFeed_DropsListedAttacker_UntilANewCopyUnlistsIt(string backend)
    {
        var rustids = GatewayLab.RequireLabWithRustids(backend);
        using var temp = new TempDirectory();
        using var lab = new GatewayLab();
        using var web = lab.StartWebServer(HttpPort, temp);
        var feeds = Directory.CreateDirectory(temp.File("feeds")).FullName;
        var list = Path.Combine(feeds, "lab.txt");
        File.WriteAllText(list, $"# lab feed\n{lab.AttackerAddress}\n192.0.2.0/24 ; documentation range\n");
        // The feed server runs inside the gateway namespace, on its loopback, where rustids looks for it.
        using var feedServer = lab.Start(lab.Gateway, ToolPaths.DebianPython!, "-m", "http.server", FeedPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--bind", "127.0.0.1", "--directory", feeds);
        var config = LabConfig.Write(temp, WriteRules(temp),
            reputation: new
            {
                GeoIpDatabase = (string?)null,
                FeedCatalog = (string?)null,
                // The lab's addresses are private (RFC 1918), which feeds may only list with AllowPrivate.
                Feeds = new[] { new { Name = "lab-feed", Url = $"http://127.0.0.1:{FeedPort}/lab.txt", Format = "plain", PushToFirewall = true, AllowPrivate = true } },
            },
            firewall: new { Backend = backend });

        Cli(lab, rustids, config, "firewall", "setup");
        var first = Update(lab, rustids, config);
        Assert.Contains("lab-feed: updated: 2 entries", first, StringComparison.Ordinal);
        Assert.NotEqual(0, lab.HttpGet(HttpPort, "/").ExitCode);
        var status = Cli(lab, rustids, config, "firewall", "status");
        Assert.Contains("lab_feed", status, StringComparison.Ordinal);

        File.WriteAllText(list, "192.0.2.0/24\n");
        File.SetLastWriteTimeUtc(list, DateTime.UtcNow.AddMinutes(5));
        var second = Update(lab, rustids, config);
        Assert.Contains("lab-feed: updated: 1 entries", second, StringComparison.Ordinal);
        Assert.Equal(0, lab.HttpGet(HttpPort, "/").ExitCode);

        // python's http.server answers If-Modified-Since with 304: nothing downloaded, nothing replaced.
        Assert.Contains("lab-feed: unchanged", Update(lab, rustids, config), StringComparison.Ordinal);
        Cli(lab, rustids, config, "firewall", "teardown");
    }

    private static string WriteRules(TempDirectory temp)
    {
        var rules = temp.File("test.rules");
        File.WriteAllText(rules, "alert tcp any any -> any 9 (msg:\"unused\"; sid:1000090; rev:1;)\n");
        return rules;
    }

    private static string Update(GatewayLab lab, string rustids, string config)
    {
        // The feed server may still be starting: a first refused connection is a failed update, so retry briefly.
        var output = "";
        for (var attempt = 0; attempt < 20; attempt++)
        {
            var (code, text) = lab.Exec(lab.Gateway, TimeSpan.FromSeconds(60), rustids, "feeds", "update", "--config", config);
            output = text;
            if (code == 0)
                return output;
            Thread.Sleep(250);
        }
        Assert.Fail("rustids feeds update kept failing:\n" + output);
        return output;
    }

    private static string Cli(GatewayLab lab, string rustids, string config, params string[] arguments)
    {
        var (code, output) = lab.Exec(lab.Gateway, TimeSpan.FromSeconds(30), [rustids, .. arguments, "--config", config]);
        Assert.True(code == 0, $"rustids {string.Join(' ', arguments)} failed ({code}):\n{output}");
        return output;
    }
}
