using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

using RustIds.Response.Iptables;
using RustIds.Response.Tests.Iptables;

namespace RustIds.Response.Tests;

/// <summary>
/// A gateway and an attacker namespace joined by a veth pair with IPv4 and IPv6 addresses, a TCP
/// listener on the gateway (dual-stack) and helpers to connect and ping from the attacker.
/// </summary>
internal sealed partial class TrafficLab : IAsyncDisposable
{
    public const int Port = 18081;

    private const string ListenerCode =
        "import socket,sys\n" +
        "s=socket.socket(socket.AF_INET6); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)\n" +
        "s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 0)\n" +
        "s.bind(('::', int(sys.argv[1]))); s.listen(64); print('ready', flush=True)\n" +
        "while True:\n    c,_=s.accept(); c.close()\n";
    private const string ConnectCode =
        "import socket,sys\nsocket.create_connection((sys.argv[1], int(sys.argv[2])), timeout=float(sys.argv[3])).close()\n";

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private Process? _listener;

    private TrafficLab(TestNamespace gateway, TestNamespace attacker, int subnet)
    {
        Gateway = gateway;
        Attacker = attacker;
        var hex = subnet.ToString("x", CultureInfo.InvariantCulture);
        GatewayV4 = $"10.233.{subnet}.1";
        AttackerV4 = $"10.233.{subnet}.2";
        GatewayV6 = $"fd00:233:{hex}::1";
        AttackerV6 = $"fd00:233:{hex}::2";
    }

    public TestNamespace Gateway { get; }

    public TestNamespace Attacker { get; }

    public string GatewayV4 { get; }

    public string AttackerV4 { get; }

    public string GatewayV6 { get; }

    public string AttackerV6 { get; }

    /// <summary>Skips the test when the tools of <paramref name="kind"/> (nftables or iptables), python3 or ping are missing.</summary>
    public static void SkipUnlessAvailable(string kind)
    {
        if (kind == "iptables")
            IptablesTools.SkipUnlessAvailable();
        else
            Root.SkipUnlessAvailable();
        Skip.IfNot(File.Exists(IptablesTools.Python), $"{IptablesTools.Python} is absent (Debian package python3)");
        Skip.IfNot(File.Exists(IptablesTools.Ping), $"{IptablesTools.Ping} is absent (Debian package iputils-ping)");
    }

    /// <summary>The backend named <paramref name="kind"/>, working in the test namespace of <paramref name="options"/>.</summary>
    public static IFirewallBackend Backend(string kind, FirewallOptions options) =>
        kind == "iptables" ? new IptablesBackend(options) : new NftablesBackend(options);

    public static async Task<TrafficLab> CreateAsync()
    {
        var gateway = await TestNamespace.CreateAsync();
        var attacker = await TestNamespace.CreateAsync();
        var lab = new TrafficLab(gateway, attacker, Random.Shared.Next(1, 255));
        try
        {
            await gateway.IpAsync("link", "add", "rids-gw", "type", "veth", "peer", "name", "rids-att", "netns", attacker.Name);
            await gateway.IpAsync("addr", "add", lab.GatewayV4 + "/24", "dev", "rids-gw");
            await attacker.IpAsync("addr", "add", lab.AttackerV4 + "/24", "dev", "rids-att");
            await gateway.IpAsync("-6", "addr", "add", lab.GatewayV6 + "/64", "dev", "rids-gw", "nodad");
            await attacker.IpAsync("-6", "addr", "add", lab.AttackerV6 + "/64", "dev", "rids-att", "nodad");
            await gateway.IpAsync("link", "set", "rids-gw", "up");
            await attacker.IpAsync("link", "set", "rids-att", "up");
            lab._listener = StartListener(gateway.Name);
            await WaitForReadyAsync(lab._listener);
            return lab;
        }
        catch
        {
            await lab.DisposeAsync();
            throw;
        }
    }

    /// <summary>A TCP connect from the attacker to <paramref name="address"/>; true when the handshake completed.</summary>
    public async Task<bool> CanConnectAsync(string address, int timeoutSeconds)
    {
        var result = await Attacker.Runner.RunAsync(
            IptablesTools.Python,
            ["-c", ConnectCode, address, Port.ToString(CultureInfo.InvariantCulture), timeoutSeconds.ToString(CultureInfo.InvariantCulture)],
            null,
            Timeout);
        return result.ExitCode == 0;
    }

    /// <summary>Pings <paramref name="address"/> from the attacker; returns the replies received and how long ping says it sent for.</summary>
    public async Task<(int Received, TimeSpan Elapsed)> PingAsync(string address, int count, double intervalSeconds)
    {
        var result = await Attacker.Runner.RunAsync(
            IptablesTools.Ping,
            ["-n", "-q", "-i", intervalSeconds.ToString(CultureInfo.InvariantCulture), "-c", count.ToString(CultureInfo.InvariantCulture), "-W", "1", address],
            null,
            Timeout);
        var match = ReceivedRegex().Match(result.StandardOutput);
        if (!match.Success)
            throw new InvalidOperationException($"unexpected ping output: {result.StandardOutput} {result.StandardError}");
        // ping's own "time": from the first send to the last reply or send, without process start-up.
        return (int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture),
            TimeSpan.FromMilliseconds(int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture)));
    }

    public async ValueTask DisposeAsync()
    {
        if (_listener is not null)
        {
            _listener.Kill(entireProcessTree: true);
            await _listener.WaitForExitAsync();
            _listener.Dispose();
        }
        await Attacker.DisposeAsync();
        await Gateway.DisposeAsync();
    }

    private static Process StartListener(string ns)
    {
        var startInfo = new ProcessStartInfo(Root.Ip)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { "netns", "exec", ns, IptablesTools.Python, "-c", ListenerCode, Port.ToString(CultureInfo.InvariantCulture) })
            startInfo.ArgumentList.Add(argument);
        return Process.Start(startInfo) ?? throw new InvalidOperationException("listener did not start");
    }

    private static async Task WaitForReadyAsync(Process listener)
    {
        using var cts = new CancellationTokenSource(Timeout);
        var line = await listener.StandardOutput.ReadLineAsync(cts.Token);
        if (line != "ready")
            throw new InvalidOperationException("listener failed: " + await listener.StandardError.ReadToEndAsync(cts.Token));
    }

    [GeneratedRegex(@"(\d+) received.*time (\d+)ms")]
    private static partial Regex ReceivedRegex();
}
