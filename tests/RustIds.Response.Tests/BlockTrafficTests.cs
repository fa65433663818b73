using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using RustIds.Packets;
using RustIds.Reputation;

namespace RustIds.Response.Tests;

/// <summary>A verdict through the block manager onto a real firewall: the attacker's real TCP is dropped, then let through once the block expires.</summary>
public sealed class BlockTrafficTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("rustids-traffic-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [SkippableTheory]
    [InlineData("nftables")]
    [InlineData("iptables")]
    public async Task BlockAsync_AttackerInOtherNamespace_DroppedThenAllowedAfterExpiry(string kind)
    {
        TrafficLab.SkipUnlessAvailable(kind);
        await using var lab = await TrafficLab.CreateAsync();
        Assert.True(await lab.CanConnectAsync(lab.GatewayV4, 3), "connect before the block");
        var backend = TrafficLab.Backend(kind, lab.Gateway.FirewallOptions());
        using var store = new BlockStore(Path.Combine(_directory, "blocks.db"));
        var manager = new BlockManager(
            backend, store, Allowlist.LoopbackOnly, TimeProvider.System, NullLogger<BlockManager>.Instance, new BlockManagerOptions());
        await manager.StartAsync();
        var verdict = new Verdict
        {
            Address = IpAddr.Parse(lab.AttackerV4),
            Action = VerdictAction.Block,
            Score = 90,
            BlockThreshold = 50,
            Duration = TimeSpan.FromSeconds(3),
            Reasons = [new VerdictReason("detector", "port scan", 90)],
        };

        var outcome = await manager.BlockAsync(verdict, "scan");

        Assert.Equal(BlockOutcomeKind.Blocked, outcome.Kind);
        Assert.False(await lab.CanConnectAsync(lab.GatewayV4, 1), "connect while blocked");
        var deadline = Stopwatch.StartNew();
        while ((await backend.ListAsync()).Count > 0)
        {
            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(15), "the set timeout never removed the element");
            await Task.Delay(TimeSpan.FromMilliseconds(200));
        }
        Assert.True(await lab.CanConnectAsync(lab.GatewayV4, 3), "connect after expiry");
        Assert.Single(await manager.ExpireAsync());
        Assert.Empty(store.GetActive(TimeProvider.System.GetUtcNow()));
    }
}
