using Microsoft.Extensions.Logging.Abstractions;
using RustIds.Packets;
using RustIds.Reputation;
using RustIds.Reputation.Addresses;

namespace RustIds.Response.Tests;

/// <summary>Rate limits, prefixes, aggregation, batching and rollback of <see cref="BlockManager"/>.</summary>
public sealed class BlockManagerPolicyTests : IDisposable
{
    private static readonly IpAddr Attacker = IpAddr.Parse("198.51.100.10");

    private readonly string _directory = Directory.CreateTempSubdirectory("rustids-policy-").FullName;
    private readonly FakeTimeProvider _clock = new();
    private readonly BlockStore _store;
    private readonly FailingBackend _backend;

    public BlockManagerPolicyTests()
    {
        _store = new BlockStore(Path.Combine(_directory, "blocks.db"));
        _backend = new FailingBackend(_clock);
    }

    public void Dispose()
    {
        _store.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task BlockAsync_RateLimitVerdict_GoesToRateLimitSetWithEscalationStored()
    {
        var outcome = await Manager().BlockAsync(Verdict(Attacker, 45, VerdictAction.RateLimit) with { EscalationLevel = 2 }, "sid:5");

        Assert.Equal(BlockOutcomeKind.Blocked, outcome.Kind);
        Assert.Equal(FirewallAction.RateLimit, outcome.Action);
        Assert.Equal(FirewallChange.Add(Attacker, TimeSpan.FromMinutes(10), FirewallAction.RateLimit), Assert.Single(_backend.Inner.Recorded));
        var row = _store.Get(outcome.BlockId!.Value)!;
        Assert.Equal(FirewallAction.RateLimit, row.Action);
        Assert.Equal(2, row.EscalationLevel);
    }

    [Fact]
    public async Task BlockAsync_BlockAfterRateLimit_ReplacesItInOneBatch()
    {
        var manager = Manager();
        var limited = await manager.BlockAsync(Verdict(Attacker, 45, VerdictAction.RateLimit), "sid:5");

        var blocked = await manager.BlockAsync(Verdict(Attacker, 80, VerdictAction.Block), "sid:6");

        Assert.Equal(BlockOutcomeKind.Blocked, blocked.Kind);
        Assert.Equal(FirewallAction.Block, blocked.Action);
        Assert.Equal("escalated to block", _store.Get(limited.BlockId!.Value)!.RemovedReason);
        Assert.Equal(
            [FirewallChange.Remove(Attacker, FirewallAction.RateLimit), FirewallChange.Add(Attacker, TimeSpan.FromMinutes(10))],
            _backend.Inner.Recorded.Skip(1));
        Assert.Equal(2, _backend.Batches);
    }

    [Fact]
    public async Task BlockAsync_RateLimitWhileBlocked_IgnoredAndBlockKept()
    {
        var manager = Manager();
        await manager.BlockAsync(Verdict(Attacker, 80, VerdictAction.Block), "sid:6");

        var outcome = await manager.BlockAsync(Verdict(Attacker, 45, VerdictAction.RateLimit), "sid:5");

        Assert.Equal(BlockOutcomeKind.Ignored, outcome.Kind);
        Assert.StartsWith("already blocked until", outcome.Reason, StringComparison.Ordinal);
        Assert.Single(_backend.Inner.Recorded);
    }

    [Fact]
    public async Task BlockManualAsync_Prefix_InIntervalSetAndCoversItsAddresses()
    {
        var manager = Manager();
        var prefix = Cidr.Parse("203.0.113.0/24");

        var outcome = await manager.BlockManualAsync(prefix, TimeSpan.FromHours(2), "botnet range");
        var inside = await manager.BlockAsync(Verdict(IpAddr.Parse("203.0.113.77"), 90, VerdictAction.Block), "sid:1");
        var overlapping = await manager.BlockManualAsync(Cidr.Parse("203.0.0.0/16"), TimeSpan.FromHours(1), "wider");

        Assert.Equal(BlockOutcomeKind.Blocked, outcome.Kind);
        Assert.False(Assert.Single(_backend.Inner.Recorded).IsSingleAddress);
        Assert.Equal("blocknet_v4", NftablesBackend.SetFor(_backend.Inner.Recorded[0]));
        Assert.Equal(BlockOutcomeKind.Ignored, inside.Kind);
        Assert.StartsWith("covered by the block of 203.0.113.0/24", inside.Reason, StringComparison.Ordinal);
        Assert.Equal(BlockOutcomeKind.Ignored, overlapping.Kind);
        Assert.Equal("overlaps the active block of 203.0.113.0/24", overlapping.Reason);
        Assert.Single(_backend.Inner.Recorded);
    }

    [Fact]
    public async Task BlockManualAsync_PrefixHoldingAllowlistedAddress_Refused()
    {
        var allowlist = new Allowlist([new AllowlistEntry(Cidr.Parse("192.0.2.53"), "resolver 192.0.2.53")]);

        var manager = Manager(allowlist);

        var outcome = await manager.BlockManualAsync(Cidr.Parse("192.0.2.0/24"), TimeSpan.FromHours(1), "range");

        Assert.Equal(BlockOutcomeKind.RefusedAllowlisted, outcome.Kind);
        Assert.Equal("resolver 192.0.2.53", outcome.Reason);
        Assert.Empty(_backend.Inner.Recorded);
        Assert.Empty(_store.GetActive(_clock.GetUtcNow()));
        Assert.Equal(1, manager.Counters.RefusedAllowlisted);
    }

    [Fact]
    public async Task BlockAsync_ThirdAddressOfOneIpv6Slash64_AggregatesToThePrefix()
    {
        var manager = Manager();
        var a = await manager.BlockAsync(Verdict(IpAddr.Parse("2001:db8:5:6::1"), 70, VerdictAction.Block), "sid:1");
        await manager.BlockAsync(Verdict(IpAddr.Parse("2001:db8:5:6::2"), 80, VerdictAction.Block), "sid:2");
        _clock.Advance(TimeSpan.FromMinutes(1));

        var third = await manager.BlockAsync(Verdict(IpAddr.Parse("2001:db8:5:6:aaaa::3"), 60, VerdictAction.Block), "sid:3");

        var prefix = Cidr.Parse("2001:db8:5:6::/64");
        Assert.Equal(prefix, third.AggregatedInto);
        var active = Assert.Single(_store.GetActive(_clock.GetUtcNow()));
        Assert.Equal(prefix, active.Target);
        Assert.Equal(80, active.Score);
        Assert.Equal(third.ExpiresAt, active.ExpiresAt);
        Assert.Contains("3 addresses of 2001:db8:5:6::/64 blocked", active.ReasonsJson, StringComparison.Ordinal);
        Assert.Equal("aggregated into 2001:db8:5:6::/64", _store.Get(a.BlockId!.Value)!.RemovedReason);
        var held = await _backend.ListAsync();
        Assert.Equal(prefix, Assert.Single(held).Target);
        Assert.Equal(1, manager.Counters.Aggregated);
    }

    [Fact]
    public async Task BlockAsync_AggregatePrefixHoldsAllowlistedAddress_AddressesStaySingle()
    {
        var allowlist = new Allowlist([new AllowlistEntry(Cidr.Parse("2001:db8:5:6::53"), "resolver")]);
        var manager = Manager(allowlist);

        foreach (var host in new[] { "1", "2", "3", "4" })
            await manager.BlockAsync(Verdict(IpAddr.Parse("2001:db8:5:6::" + host), 70, VerdictAction.Block), "sid:1");

        Assert.Equal(4, _store.GetActive(_clock.GetUtcNow()).Count);
        Assert.All(await _backend.ListAsync(), e => Assert.True(FirewallTarget.IsSingleAddress(e.Target)));
        Assert.Equal(0, manager.Counters.Aggregated);
    }

    [Fact]
    public async Task BlockAsync_ManyConcurrentVerdicts_FewBatchesAndEveryOneStored()
    {
        // The window lets all 500 queue before the first batch: then batches are exactly MaxBatchSize.
        var manager = Manager(options: new BlockManagerOptions { MaxBatchSize = 100, BatchWindow = TimeSpan.FromMilliseconds(300), Ipv6AggregateThreshold = 0 });

        var outcomes = await Task.WhenAll(Enumerable.Range(1, 500)
            .Select(i => manager.BlockAsync(Verdict(IpAddr.FromV4(0x0A000000u + (uint)i), 70, VerdictAction.Block), "sid:1")));

        Assert.All(outcomes, o => Assert.Equal(BlockOutcomeKind.Blocked, o.Kind));
        Assert.Equal(500, outcomes.Select(o => o.BlockId).Distinct().Count());
        Assert.Equal(500, _store.CountActive(_clock.GetUtcNow()));
        Assert.Equal(500, (await _backend.ListAsync()).Count);
        Assert.InRange(_backend.Batches, 5, 8);
        Assert.Equal(_backend.Batches, manager.Counters.Batches);
    }

    [Fact]
    public async Task BlockAsync_OneTargetPoisonsItsBatch_OthersAppliedAloneAndItsRowRolledBack()
    {
        var manager = Manager();
        var poisoned = IpAddr.Parse("10.0.0.66");
        _backend.Poisoned.Add(Cidr.Single(poisoned));

        var tasks = Enumerable.Range(60, 10).Select(i => manager.BlockAsync(Verdict(IpAddr.Parse($"10.0.0.{i}"), 70, VerdictAction.Block), "sid:1")).ToArray();
        await Assert.ThrowsAsync<FirewallCommandException>(() => Task.WhenAll(tasks));

        Assert.Equal(9, tasks.Count(t => t.IsCompletedSuccessfully));
        Assert.Equal(9, _store.CountActive(_clock.GetUtcNow()));
        Assert.Null(_store.Find(Cidr.Single(poisoned)));
        Assert.DoesNotContain(await _backend.ListAsync(), e => e.Target == Cidr.Single(poisoned));
        Assert.True(manager.Counters.BatchFailures >= 1);
        Assert.Empty(await manager.ExpireAsync()); // the in-memory table agrees with the store
    }

    [Fact]
    public async Task BlockAsync_BackendKeepsLinesBeforeTheFailure_ReconciledBackToTheStore()
    {
        var manager = Manager(options: new BlockManagerOptions { MaxActiveBlocks = 1 });
        var kept = IpAddr.Parse("10.0.0.1");
        await manager.BlockAsync(Verdict(kept, 50, VerdictAction.Block), "sid:1");
        var poisoned = IpAddr.Parse("10.0.0.2");
        _backend.Poisoned.Add(Cidr.Single(poisoned));
        _backend.KeepsLinesBeforeFailure = true;

        // The cap evicts 10.0.0.1 in the same batch; the backend removes it, then refuses 10.0.0.2.
        await Assert.ThrowsAsync<FirewallCommandException>(() => manager.BlockAsync(Verdict(poisoned, 60, VerdictAction.Block), "sid:2"));

        Assert.Equal(Cidr.Single(kept), Assert.Single(_store.GetActive(_clock.GetUtcNow())).Target);
        Assert.Equal(Cidr.Single(kept), Assert.Single(await _backend.ListAsync()).Target);
        Assert.True(manager.Counters.Drift >= 1);
    }

    [Fact]
    public async Task ReconcileAsync_BlockAddedByAnotherProcess_KeptNotRemoved()
    {
        var daemon = Manager();
        await daemon.BlockAsync(Verdict(Attacker, 80, VerdictAction.Block), "sid:1");
        // "rustids block add" runs as its own process: same store and firewall, its own manager.
        var cli = Manager();
        await cli.BlockManualAsync(Cidr.Parse("192.0.2.0/28"), TimeSpan.FromHours(1), "operator");

        Assert.Equal(0, await daemon.ReconcileAsync());

        Assert.Equal(2, (await daemon.GetActiveAsync()).Count);
        Assert.Equal(2, (await _backend.ListAsync()).Count);
    }

    [Fact]
    public async Task UnblockAsync_Prefix_ClosedAndRemovedFromBothSets()
    {
        var manager = Manager();
        var prefix = Cidr.Parse("2001:db8:77::/48");
        await manager.BlockManualAsync(prefix, TimeSpan.FromHours(1), "range", FirewallAction.RateLimit);

        Assert.True(await manager.UnblockAsync(prefix, "done"));

        Assert.Empty(await _backend.ListAsync());
        Assert.Empty(_store.GetActive(_clock.GetUtcNow()));
        Assert.False(await manager.UnblockAsync(prefix, "again"));
    }

    private BlockManager Manager(Allowlist? allowlist = null, BlockManagerOptions? options = null) =>
        new(_backend, _store, allowlist ?? Allowlist.LoopbackOnly, _clock, NullLogger<BlockManager>.Instance, options ?? new BlockManagerOptions());

    private static Verdict Verdict(IpAddr address, int score, VerdictAction action) => new()
    {
        Address = address,
        Action = action,
        Score = score,
        BlockThreshold = 60,
        Duration = TimeSpan.FromMinutes(10),
        Reasons = [new VerdictReason("rule", "sid 2001 ET SCAN", score)],
    };
}
