using System.Text.Json;

namespace RustIds.IntegrationTests;

/// <summary>
/// rustids killed with SIGKILL while blocks are active, the firewall changed behind its back while
/// it was down, then restarted: the firewall must come back to exactly the stored state, with the
/// original expiries.
/// </summary>
public sealed class FirewallRestartTests
{
    private const int HttpPort = 8080;
    private const long Sid = 1000002;
    private static readonly TimeSpan RuleBlockDuration = TimeSpan.FromSeconds(25);

    [SkippableTheory]
    [InlineData("nftables")]
    [InlineData("iptables")]
    public void Run_KilledWithActiveBlocksAndFirewallTampered_RestartReconcilesNothingLostNothingStale(string backend)
    {
        var rustids = GatewayLab.RequireLabWithRustids(backend);

        using var temp = new TempDirectory();
        using var lab = new GatewayLab();
        var firewall = new FirewallProbe(lab, backend);
        var config = WriteConfig(temp, backend);
        using var web = lab.StartWebServer(HttpPort, temp);

        var first = lab.Start(lab.Gateway, rustids, "run", "--interface", lab.GatewayInterface, "--config", config);
        try
        {
            Assert.True(first.WaitFor(o => o.Contains("Capturing on", StringComparison.Ordinal), TimeSpan.FromSeconds(60)), "first run did not start:\n" + first.Output);
            Curl(lab, "/search?q=1%20UNION%20SELECT%20password%20FROM%20users");
            Assert.True(EveLog.WaitUntil(() => firewall.Holds(lab.AttackerAddress), TimeSpan.FromSeconds(20)), "attacker not blocked:\n" + first.Output);
            Cli(lab, rustids, config, "block", "add", "10.99.0.0/24", "--duration", "60s", "--reason", "manual range");
            Cli(lab, rustids, config, "block", "add", "192.0.2.7", "--duration", "2s", "--reason", "short");
            Assert.True(firewall.Holds("10.99.0.0", prefix: true), "manual prefix block not applied");

            first.Signal("KILL");
            Assert.True(EveLog.WaitUntil(() => first.HasExited, TimeSpan.FromSeconds(10)), "SIGKILL did not stop rustids");
        }
        finally
        {
            first.Dispose();
        }

        // While rustids is down: the attacker's element is lost (say, someone flushed the set) and a
        // stale element appears that the store never knew; the 2 s block expires.
        firewall.Delete(lab.AttackerAddress);
        firewall.AddStranger("198.51.100.99");
        Assert.True(Curl(lab, "/").ExitCode == 0, "tampering should have let the attacker through");
        Thread.Sleep(TimeSpan.FromSeconds(3));

        using var second = lab.Start(lab.Gateway, rustids, "run", "--interface", lab.GatewayInterface, "--config", config);
        Assert.True(second.WaitFor(o => o.Contains("Capturing on", StringComparison.Ordinal), TimeSpan.FromSeconds(60)), "second run did not start:\n" + second.Output);

        Assert.True(firewall.Holds(lab.AttackerAddress), "lost block not restored:\n" + second.Output);
        Assert.False(firewall.Holds("198.51.100.99"), "stale element not removed:\n" + second.Output);
        Assert.True(firewall.Holds("10.99.0.0", prefix: true), "manual prefix block lost");
        Assert.Contains($"added missing block of {lab.AttackerAddress}", second.Output, StringComparison.Ordinal);
        Assert.Contains("removed stale block of 198.51.100.99", second.Output, StringComparison.Ordinal);
        Assert.NotEqual(0, Curl(lab, "/").ExitCode);

        // The restored element keeps the original expiry: less than the rule's 25 s is left, not a fresh 25 s.
        var remaining = firewall.RemainingSeconds(lab.AttackerAddress);
        Assert.InRange(remaining, 1, RuleBlockDuration.TotalSeconds - 3);

        Assert.True(EveLog.WaitUntil(() => !BlockList(lab, rustids, config).Contains("192.0.2.7", StringComparison.Ordinal), TimeSpan.FromSeconds(10)),
            "the block that expired while rustids was down is still listed");
        var listed = JsonDocument.Parse(BlockList(lab, rustids, config)).RootElement.EnumerateArray()
            .Single(b => b.GetProperty("target").GetString() == lab.AttackerAddress);
        Assert.Equal("present", listed.GetProperty("firewall").GetString());

        Assert.True(EveLog.WaitUntil(() => Curl(lab, "/").ExitCode == 0, TimeSpan.FromSeconds(remaining + 15)),
            "attacker still cut off after the original expiry:\n" + second.Output);
        second.Stop(TimeSpan.FromSeconds(10));
    }

    private static string WriteConfig(TempDirectory temp, string backend)
    {
        var rules = temp.File("test.rules");
        File.WriteAllText(rules,
            $"alert tcp any any -> $HOME_NET any (msg:\"restart test UNION SELECT\"; flow:to_server,established; content:\"UNION\"; nocase; content:\"SELECT\"; nocase; distance:0; priority:1; sid:{Sid}; rev:1;)\n");
        return LabConfig.Write(temp, rules,
            reputation: new { GeoIpDatabase = (string?)null, BaseBlockDuration = RuleBlockDuration.ToString() },
            firewall: new { Backend = backend, ExpirySweepInterval = "00:00:00.500" });
    }

    private static void Cli(GatewayLab lab, string rustids, string config, params string[] arguments)
    {
        var (code, output) = lab.Exec(lab.Gateway, TimeSpan.FromSeconds(30), [rustids, .. arguments, "--config", config]);
        Assert.True(code == 0, $"rustids {string.Join(' ', arguments)} failed ({code}):\n{output}");
    }

    private static string BlockList(GatewayLab lab, string rustids, string config) =>
        lab.Exec(lab.Gateway, TimeSpan.FromSeconds(30), rustids, "block", "list", "--json", "--config", config).Output;

    private static (int ExitCode, string Output) Curl(GatewayLab lab, string path) => lab.HttpGet(HttpPort, path);
}
