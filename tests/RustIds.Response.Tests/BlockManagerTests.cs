using RustIds.Reputation.Addresses;
using Microsoft.Extensions.Logging.Abstractions;
using RustIds.Packets;
using RustIds.Reputation;

namespace RustIds.Response.Tests;

public sealed class BlockManagerTests : IDisposable
{
    private static readonly IpAddr Attacker = IpAddr.Parse("198.51.100.10");

    private readonly string _directory = Directory.CreateTempSubdirectory("rustids-manager-").FullName;
    private readonly FakeTimeProvider _clock = new();
    private readonly BlockStore _store;
    private readonly DryRunBackend _backend;

    public BlockManagerTests()
    {
        _store = new BlockStore(Path.Combine(_directory, "blocks.db"));
        _backend = new DryRunBackend(NullLogger<DryRunBackend>.Instance, _clock);
    }

    public void Dispose()
    {
        _store.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task BlockAsync_BlockVerdict_StoredThenApplied()
    {
        var manager = Manager();

        var outcome = await manager.BlockAsync(Verdict(Attacker, 80, TimeSpan.FromMinutes(10)), "sid:2001");

        Assert.Equal(BlockOutcomeKind.Blocked, outcome.Kind);
        Assert.Equal(_clock.GetUtcNow().AddMinutes(10), outcome.ExpiresAt);
        var change = Assert.Single(_backend.Recorded);
        Assert.Equal(FirewallChange.Add(Attacker, TimeSpan.FromMinutes(10)), change);
        var row = _store.Get(outcome.BlockId!.Value)!;
        Assert.Equal(80, row.Score);
        Assert.Equal("sid:2001", row.Rules);
        Assert.Contains("\"Kind\":\"rule\"", row.ReasonsJson, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(VerdictAction.Allow)]
    [InlineData(VerdictAction.Alert)]
    public async Task BlockAsync_NonBlockVerdict_Ignored(VerdictAction action)
    {
        var outcome = await Manager().BlockAsync(Verdict(Attacker, 10, TimeSpan.Zero) with { Action = action }, "sid:1");

        Assert.Equal(BlockOutcomeKind.Ignored, outcome.Kind);
        Assert.Empty(_backend.Recorded);
        Assert.Null(_store.Find(Cidr.Single(Attacker)));
    }

    [Fact]
    public async Task BlockAsync_AllowlistedAddress_RefusedAndNothingApplied()
    {
        var allowlist = new Allowlist([new AllowlistEntry(Cidr.Single(Attacker), "default gateway 198.51.100.10")]);

        var outcome = await Manager(allowlist).BlockAsync(Verdict(Attacker, 100, TimeSpan.FromHours(1)), "sid:1");

        Assert.Equal(BlockOutcomeKind.RefusedAllowlisted, outcome.Kind);
        Assert.Equal("default gateway 198.51.100.10", outcome.Reason);
        Assert.Empty(_backend.Recorded);
        Assert.Null(_store.Find(Cidr.Single(Attacker)));
    }

    [Fact]
    public async Task BlockAsync_Loopback_Refused()
    {
        var outcome = await Manager().BlockAsync(Verdict(IpAddr.Parse("127.0.0.1"), 100, TimeSpan.FromHours(1)), "sid:1");

        Assert.Equal(BlockOutcomeKind.RefusedAllowlisted, outcome.Kind);
        Assert.Empty(_backend.Recorded);
    }

    [Fact]
    public async Task BlockAsync_ActiveAddressAgain_ExtendsSameRow()
    {
        var manager = Manager();
        var first = await manager.BlockAsync(Verdict(Attacker, 60, TimeSpan.FromMinutes(10)), "sid:1");
        _clock.Advance(TimeSpan.FromMinutes(5));

        var second = await manager.BlockAsync(Verdict(Attacker, 70, TimeSpan.FromMinutes(10)), "sid:2");

        Assert.Equal(BlockOutcomeKind.Extended, second.Kind);
        Assert.Equal(first.BlockId, second.BlockId);
        Assert.Equal(first.ExpiresAt!.Value.AddMinutes(5), second.ExpiresAt);
        Assert.Equal(FirewallChange.Refresh(Cidr.Single(Attacker), TimeSpan.FromMinutes(10)), _backend.Recorded[^1]);
        Assert.Equal(70, _store.Get(first.BlockId!.Value)!.Score);
    }

    [Fact]
    public async Task BlockAsync_DurationBelowMinimum_RaisedToMinimum()
    {
        var outcome = await Manager().BlockAsync(Verdict(Attacker, 60, TimeSpan.FromMilliseconds(100)), "sid:1");

        Assert.Equal(_clock.GetUtcNow().AddSeconds(1), outcome.ExpiresAt);
    }

    [Fact]
    public async Task BlockAsync_CapReached_EvictsLowestScoreInSameBatch()
    {
        var manager = Manager(options: new BlockManagerOptions { MaxActiveBlocks = 2 });
        await manager.BlockAsync(Verdict(IpAddr.Parse("198.51.100.1"), 50, TimeSpan.FromHours(1)), "a");
        var low = await manager.BlockAsync(Verdict(IpAddr.Parse("198.51.100.2"), 30, TimeSpan.FromHours(1)), "b");

        var outcome = await manager.BlockAsync(Verdict(IpAddr.Parse("198.51.100.3"), 40, TimeSpan.FromHours(1)), "c");

        Assert.Equal(BlockOutcomeKind.Blocked, outcome.Kind);
        Assert.Equal(FirewallChange.Remove(IpAddr.Parse("198.51.100.2")), _backend.Recorded[^2]);
        Assert.StartsWith("evicted", _store.Get(low.BlockId!.Value)!.RemovedReason, StringComparison.Ordinal);
        Assert.Equal(2, _store.CountActive(_clock.GetUtcNow()));
    }

    [Fact]
    public async Task BlockAsync_CapReachedAndNewScoresLowest_RefusedCapacity()
    {
        var manager = Manager(options: new BlockManagerOptions { MaxActiveBlocks = 1 });
        await manager.BlockAsync(Verdict(IpAddr.Parse("198.51.100.1"), 50, TimeSpan.FromHours(1)), "a");

        var outcome = await manager.BlockAsync(Verdict(IpAddr.Parse("198.51.100.3"), 40, TimeSpan.FromHours(1)), "c");

        Assert.Equal(BlockOutcomeKind.RefusedCapacity, outcome.Kind);
        Assert.Single(_backend.Recorded);
    }

    [Fact]
    public async Task ExpireAsync_ClockPassesExpiry_ClosesAndRemoves()
    {
        var manager = Manager();
        var shortBlock = await manager.BlockAsync(Verdict(IpAddr.Parse("198.51.100.1"), 50, TimeSpan.FromSeconds(30)), "a");
        await manager.BlockAsync(Verdict(IpAddr.Parse("198.51.100.2"), 50, TimeSpan.FromMinutes(30)), "b");

        Assert.Empty(await manager.ExpireAsync());
        _clock.Advance(TimeSpan.FromSeconds(30));
        Assert.Single(await manager.ExpireAsync());
        Assert.Empty(await manager.ExpireAsync());

        Assert.Equal("expired", _store.Get(shortBlock.BlockId!.Value)!.RemovedReason);
        Assert.Equal(FirewallChange.Remove(IpAddr.Parse("198.51.100.1")), _backend.Recorded[^1]);
    }

    [Fact]
    public async Task UnblockAsync_ActiveBlock_ClosedWithReason()
    {
        var manager = Manager();
        var outcome = await manager.BlockAsync(Verdict(Attacker, 50, TimeSpan.FromHours(1)), "a");

        Assert.True(await manager.UnblockAsync(Cidr.Single(Attacker), "false positive"));

        Assert.Equal("false positive", _store.Get(outcome.BlockId!.Value)!.RemovedReason);
        Assert.Equal(FirewallChange.Remove(Attacker), _backend.Recorded[^2]);
        Assert.Equal(FirewallChange.Remove(Attacker, FirewallAction.RateLimit), _backend.Recorded[^1]);
        Assert.Empty(await _backend.ListAsync());
    }

    [Fact]
    public async Task ReconcileAsync_FirewallLostAndGainedEntries_RepairsAndCountsDrift()
    {
        var manager = Manager();
        await manager.BlockAsync(Verdict(IpAddr.Parse("198.51.100.1"), 50, TimeSpan.FromHours(1)), "a");
        await manager.BlockAsync(Verdict(IpAddr.Parse("198.51.100.2"), 50, TimeSpan.FromHours(1)), "b");
        // Drift: the firewall lost .1 (reboot) and holds .9, which the store never knew.
        await _backend.ApplyAsync([FirewallChange.Remove(IpAddr.Parse("198.51.100.1")), FirewallChange.Add(IpAddr.Parse("198.51.100.9"), TimeSpan.FromHours(1))]);

        Assert.Equal(2, await manager.ReconcileAsync());
        Assert.Equal(0, await manager.ReconcileAsync());

        var addresses = (await _backend.ListAsync()).Select(e => FirewallTarget.Format(e.Target)).Order().ToArray();
        Assert.Equal(["198.51.100.1", "198.51.100.2"], addresses);
    }

    [Fact]
    public async Task BlockAsync_NftFails_StoreRolledBackAndExceptionHasDetails()
    {
        // /usr/bin/false stands in for an nft that rejects every batch.
        var backend = new NftablesBackend(new FirewallOptions { NftPath = "/usr/bin/false", UseLibNftables = false });
        var manager = new BlockManager(backend, _store, Allowlist.LoopbackOnly, _clock, NullLogger<BlockManager>.Instance, new BlockManagerOptions());

        var ex = await Assert.ThrowsAsync<FirewallCommandException>(
            () => manager.BlockAsync(Verdict(Attacker, 80, TimeSpan.FromMinutes(10)), "sid:1"));

        Assert.Equal(1, ex.ExitCode);
        Assert.Equal("/usr/bin/false", ex.Command);
        Assert.Null(_store.Find(Cidr.Single(Attacker)));
        Assert.Empty(_store.GetActive(_clock.GetUtcNow()));
        Assert.Equal("apply failed", _store.Get(1)!.RemovedReason);
    }

    [SkippableFact]
    public async Task BlockAsync_TableDeletedBehindManager_ThrowsAndStoreConsistent()
    {
        Root.SkipUnlessAvailable();
        await using var ns = await TestNamespace.CreateAsync();
        var backend = new NftablesBackend(ns.FirewallOptions());
        await backend.SetupAsync();
        var manager = new BlockManager(backend, _store, Allowlist.LoopbackOnly, _clock, NullLogger<BlockManager>.Instance, new BlockManagerOptions());
        var kept = await manager.BlockAsync(Verdict(IpAddr.Parse("198.51.100.1"), 50, TimeSpan.FromHours(1)), "a");
        await ns.NftAsync("delete", "table", "inet", "rustids");

        var ex = await Assert.ThrowsAsync<FirewallCommandException>(
            () => manager.BlockAsync(Verdict(Attacker, 80, TimeSpan.FromMinutes(10)), "sid:1"));

        Assert.Equal(1, ex.ExitCode);
        Assert.Contains("No such file or directory", ex.StandardError, StringComparison.Ordinal);
        Assert.Null(_store.Find(Cidr.Single(Attacker)));
        Assert.Equal(kept.BlockId, Assert.Single(_store.GetActive(_clock.GetUtcNow())).Id);

        // Setup again and reconcile: the firewall gets back exactly what the store holds.
        await backend.SetupAsync();
        Assert.Equal(1, await manager.ReconcileAsync());
        Assert.Equal(IpAddr.Parse("198.51.100.1"), Assert.Single(await backend.ListAsync()).Target.Network);
    }

    private BlockManager Manager(Allowlist? allowlist = null, BlockManagerOptions? options = null) =>
        new(_backend, _store, allowlist ?? Allowlist.LoopbackOnly, _clock, NullLogger<BlockManager>.Instance, options ?? new BlockManagerOptions());

    private static Verdict Verdict(IpAddr address, int score, TimeSpan duration) => new()
    {
        Address = address,
        Action = VerdictAction.Block,
        Score = score,
        BlockThreshold = 50,
        Duration = duration,
        Reasons = [new VerdictReason("rule", "sid 2001 ET SCAN", score)],
    };
}
