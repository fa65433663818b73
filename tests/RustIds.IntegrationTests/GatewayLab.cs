using System.Globalization;

namespace RustIds.IntegrationTests;

/// <summary>
/// Two network namespaces, attacker and gateway, joined by a veth pair on a private /24 that exists
/// only inside them. Everything is removed on dispose, whatever happened.
/// </summary>
internal sealed class GatewayLab : IDisposable
{
    private readonly string _ip;

    public GatewayLab()
    {
        _ip = ToolPaths.Ip ?? throw new InvalidOperationException("iproute2 'ip' not found");
        var id = Random.Shared.Next(10, 250);
        Suffix = id.ToString(CultureInfo.InvariantCulture) + Random.Shared.Next(1000, 9999).ToString(CultureInfo.InvariantCulture);
        Attacker = "rid-att-" + Suffix;
        Gateway = "rid-gw-" + Suffix;
        AttackerInterface = "ra" + Suffix;
        GatewayInterface = "rg" + Suffix;
        AttackerAddress = $"10.79.{id}.2";
        GatewayAddress = $"10.79.{id}.1";
        try
        {
            Ip("netns", "add", Attacker);
            Ip("netns", "add", Gateway);
            Ip("link", "add", AttackerInterface, "type", "veth", "peer", "name", GatewayInterface);
            Ip("link", "set", AttackerInterface, "netns", Attacker);
            Ip("link", "set", GatewayInterface, "netns", Gateway);
            Ip("-n", Attacker, "addr", "add", AttackerAddress + "/24", "dev", AttackerInterface);
            Ip("-n", Gateway, "addr", "add", GatewayAddress + "/24", "dev", GatewayInterface);
            foreach (var (ns, dev) in new[] { (Attacker, AttackerInterface), (Gateway, GatewayInterface), (Attacker, "lo"), (Gateway, "lo") })
                Ip("-n", ns, "link", "set", dev, "up");
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public string Suffix { get; }
    public string Attacker { get; }
    public string Gateway { get; }
    public string AttackerInterface { get; }
    public string GatewayInterface { get; }
    public string AttackerAddress { get; }
    public string GatewayAddress { get; }

    /// <summary>Runs a command inside <paramref name="ns"/>.</summary>
    public (int ExitCode, string Output) Exec(string ns, TimeSpan timeout, params string[] command) =>
        ProcessRun.Run(_ip, ["netns", "exec", ns, .. command], timeout);

    /// <summary>An HTTP GET from the attacker to the gateway (curl, 3 s limit); exit code 0 when it got an answer.</summary>
    public (int ExitCode, string Output) HttpGet(int port, string path) =>
        Exec(Attacker, TimeSpan.FromSeconds(10), ToolPaths.Curl!, "-s", "-o", "/dev/null", "-m", "3", $"http://{GatewayAddress}:{port}{path}");

    /// <summary>Skips the test unless it runs as root with ip, curl, python3, the tools of <paramref name="backend"/> and the rustids CLI; returns the CLI's path.</summary>
    public static string RequireLabWithRustids(string backend)
    {
        Skip.IfNot(ToolPaths.IsRoot, "needs root for network namespaces and the firewall");
        Skip.If(ToolPaths.Ip is null || ToolPaths.Curl is null || ToolPaths.DebianPython is null,
            "needs ip, curl and /usr/bin/python3 (./install.sh installs them)");
        FirewallProbe.SkipUnlessAvailable(backend);
        var rustids = ToolPaths.Rustids;
        Skip.If(rustids is null, "rustids CLI not found: set RUSTIDS_BIN or run ./install.sh");
        return rustids!;
    }

    /// <summary>Serves <paramref name="directory"/> (with an index.html) over HTTP on the gateway and waits until the attacker reaches it.</summary>
    public BackgroundProcess StartWebServer(int port, TempDirectory directory)
    {
        File.WriteAllText(directory.File("index.html"), "hello\n");
        var web = Start(Gateway, ToolPaths.DebianPython!, "-m", "http.server", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", GatewayAddress, "--directory", directory.Path);
        if (!EveLog.WaitUntil(() => HttpGet(port, "/").ExitCode == 0, TimeSpan.FromSeconds(15)))
        {
            web.Dispose();
            throw new InvalidOperationException("HTTP server unreachable from the attacker");
        }
        return web;
    }

    /// <summary>True when the gateway's nftables set <c>block_v4</c> holds <paramref name="address"/>.</summary>
    public bool BlockSetHolds(string address)
    {
        var (code, output) = Exec(Gateway, TimeSpan.FromSeconds(10), ToolPaths.Nft!, "-j", "list", "set", "inet", "rustids", "block_v4");
        return code == 0 && output.Contains($"\"{address}\"", StringComparison.Ordinal);
    }

    /// <summary>Starts a long-running command inside <paramref name="ns"/>.</summary>
    public BackgroundProcess Start(string ns, params string[] command) => new(_ip, ["netns", "exec", ns, .. command]);

    public void Dispose()
    {
        // Deleting a namespace also removes its veth end, its nftables tables and its addresses.
        ProcessRun.Run(_ip, "netns", "del", Attacker);
        ProcessRun.Run(_ip, "netns", "del", Gateway);
    }

    private void Ip(params string[] arguments) => ProcessRun.RunChecked(_ip, arguments);
}
