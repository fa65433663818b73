using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using RustIds.Packets;
using RustIds.Reputation;

namespace RustIds.Response.Tests;

/// <summary>Real TCP between two namespaces joined by a veth pair; the block must really drop it.</summary>
public sealed class BlockTrafficTests : IDisposable
{
    private const string Python = "/usr/bin/python3";
    private const string ListenerCode =
        "import socket,sys\n" +
        "s=socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)\n" +
        "s.bind((sys.argv[1], int(sys.argv[2]))); s.listen(16); print('ready', flush=True)\n" +
        "while True:\n    c,_=s.accept(); c.close()\n";
    private const string ConnectCode =
        "import socket,sys\nsocket.create_connection((sys.argv[1], int(sys.argv[2])), timeout=float(sys.argv[3])).close()\n";

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    private readonly string _directory = Directory.CreateTempSubdirectory("rustids-traffic-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [SkippableFact]
    public async Task BlockAsync_AttackerInOtherNamespace_DroppedThenAllowedAfterExpiry()
    {
        Root.SkipUnlessAvailable();
        Skip.IfNot(File.Exists(Python), $"{Python} is absent (Debian package python3)");
        var subnet = Random.Shared.Next(1, 255).ToString(CultureInfo.InvariantCulture);
        var gatewayAddress = $"10.232.{subnet}.1";
        var attackerAddress = $"10.232.{subnet}.2";
        const int Port = 18080;

        await using var gateway = await TestNamespace.CreateAsync();
        await using var attacker = await TestNamespace.CreateAsync();
        await gateway.IpAsync("link", "add", "rids-gw", "type", "veth", "peer", "name", "rids-att", "netns", attacker.Name);
        await gateway.IpAsync("addr", "add", gatewayAddress + "/30", "dev", "rids-gw");
        await attacker.IpAsync("addr", "add", attackerAddress + "/30", "dev", "rids-att");
        await gateway.IpAsync("link", "set", "rids-gw", "up");
        await attacker.IpAsync("link", "set", "rids-att", "up");

        using var listener = StartListener(gateway.Name, gatewayAddress, Port);
        try
        {
            await WaitForReadyAsync(listener);
            Assert.True(await CanConnectAsync(attacker, gatewayAddress, Port, 3), "connect before the block");

            var backend = new NftablesBackend(gateway.FirewallOptions());
            await backend.SetupAsync();
            using var store = new BlockStore(Path.Combine(_directory, "blocks.db"));
            var manager = new BlockManager(
                backend, store, Allowlist.LoopbackOnly, TimeProvider.System, NullLogger<BlockManager>.Instance, new BlockManagerOptions());
            var verdict = new Verdict
            {
                Address = IpAddr.Parse(attackerAddress),
                Action = VerdictAction.Block,
                Score = 90,
                BlockThreshold = 50,
                Duration = TimeSpan.FromSeconds(3),
                Reasons = [new VerdictReason("detector", "port scan", 90)],
            };

            var outcome = await manager.BlockAsync(verdict, "scan");

            Assert.Equal(BlockOutcomeKind.Blocked, outcome.Kind);
            Assert.False(await CanConnectAsync(attacker, gatewayAddress, Port, 1), "connect while blocked");

            var deadline = Stopwatch.StartNew();
            while ((await backend.ListAsync()).Count > 0)
            {
                Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(15), "the set timeout never removed the element");
                await Task.Delay(TimeSpan.FromMilliseconds(200));
            }
            Assert.True(await CanConnectAsync(attacker, gatewayAddress, Port, 3), "connect after expiry");
            Assert.Single(await manager.ExpireAsync());
            Assert.Empty(store.GetActive(TimeProvider.System.GetUtcNow()));
        }
        finally
        {
            listener.Kill(entireProcessTree: true);
            await listener.WaitForExitAsync();
        }
    }

    private static Process StartListener(string ns, string address, int port)
    {
        var startInfo = new ProcessStartInfo(Root.Ip)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { "netns", "exec", ns, Python, "-c", ListenerCode, address, port.ToString(CultureInfo.InvariantCulture) })
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

    private static async Task<bool> CanConnectAsync(TestNamespace from, string address, int port, int timeoutSeconds)
    {
        var result = await from.Runner.RunAsync(
            Python,
            ["-c", ConnectCode, address, port.ToString(CultureInfo.InvariantCulture), timeoutSeconds.ToString(CultureInfo.InvariantCulture)],
            null,
            Timeout);
        return result.ExitCode == 0;
    }
}
