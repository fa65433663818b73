using System.Diagnostics;
using RustIds.Packets;
using RustIds.Reputation.Addresses;
using Xunit.Abstractions;

namespace RustIds.Response.Tests;

public sealed class NftablesBackendTests(ITestOutputHelper output)
{
    private static readonly IpAddr V4 = IpAddr.Parse("192.0.2.10");
    private static readonly IpAddr V6 = IpAddr.Parse("2001:db8::10");

    [SkippableFact]
    public async Task SetupAsync_RunTwice_SameRulesetAndElementsKept()
    {
        Root.SkipUnlessAvailable();
        await using var ns = await TestNamespace.CreateAsync();
        var backend = new NftablesBackend(ns.FirewallOptions());

        await backend.SetupAsync();
        await backend.ApplyAsync([FirewallChange.Add(V4, TimeSpan.FromHours(1))]);
        var first = (await ns.NftAsync("-t", "list", "table", "inet", "rustids")).StandardOutput;
        await backend.SetupAsync();
        var second = (await ns.NftAsync("-t", "list", "table", "inet", "rustids")).StandardOutput;
        var input = (await ns.NftAsync("list", "chain", "inet", "rustids", "input")).StandardOutput;
        var check = (await ns.NftAsync("list", "chain", "inet", "rustids", "check")).StandardOutput;

        Assert.Equal(first, second);
        Assert.Contains("jump check", input, StringComparison.Ordinal);
        Assert.Contains("priority filter - 10", input, StringComparison.Ordinal);
        Assert.Contains("ip saddr @allow_v4 return", check, StringComparison.Ordinal);
        Assert.Contains("ip saddr @block_v4 drop", check, StringComparison.Ordinal);
        Assert.Contains("ip6 saddr @blocknet_v6 drop", check, StringComparison.Ordinal);
        Assert.Contains("ip saddr @rl_v4 update @rl_meter_v4 { ip saddr limit rate over 10/second burst 20 packets } drop", check, StringComparison.Ordinal);
        Assert.True(check.IndexOf("@allow_v4 return", StringComparison.Ordinal) < check.IndexOf("@block_v4 drop", StringComparison.Ordinal),
            "the allowlist must be checked before any drop");
        Assert.Contains(await backend.ListAsync(), e => e.Target.Network == V4);
    }

    [SkippableTheory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task ApplyAsync_AddV4AndV6_ListedWithTimeouts(bool library)
    {
        Root.SkipUnlessAvailable();
        await using var ns = await TestNamespace.CreateAsync();
        var options = ns.FirewallOptions();
        options.UseLibNftables = library;
        var backend = new NftablesBackend(options);
        await backend.SetupAsync();

        await backend.ApplyAsync([FirewallChange.Add(V4, TimeSpan.FromSeconds(60)), FirewallChange.Add(V6, TimeSpan.FromSeconds(120))]);
        var entries = await backend.ListAsync();

        Assert.Equal(2, entries.Count);
        var v4 = Assert.Single(entries, e => e.Target.Network == V4);
        var v6 = Assert.Single(entries, e => e.Target.Network == V6);
        Assert.Equal(TimeSpan.FromSeconds(60), v4.Timeout);
        Assert.Equal(TimeSpan.FromSeconds(120), v6.Timeout);
        Assert.InRange(v4.Remaining!.Value.TotalSeconds, 55, 60);
        Assert.InRange(v6.Remaining!.Value.TotalSeconds, 115, 120);
    }

    [SkippableFact]
    public async Task ApplyAsync_ReAddExisting_RefreshesTimeout()
    {
        Root.SkipUnlessAvailable();
        await using var ns = await TestNamespace.CreateAsync();
        var backend = new NftablesBackend(ns.FirewallOptions());
        await backend.SetupAsync();
        await backend.ApplyAsync([FirewallChange.Add(V4, TimeSpan.FromSeconds(30)), FirewallChange.Add(V6, TimeSpan.FromSeconds(600))]);

        await backend.ApplyAsync([FirewallChange.Add(V4, TimeSpan.FromSeconds(900)), FirewallChange.Add(V6, TimeSpan.FromSeconds(20))]);
        var entries = await backend.ListAsync();

        Assert.Equal(TimeSpan.FromSeconds(900), Assert.Single(entries, e => e.Target.Network == V4).Timeout);
        Assert.Equal(TimeSpan.FromSeconds(20), Assert.Single(entries, e => e.Target.Network == V6).Timeout);
    }

    [SkippableFact]
    public async Task ApplyAsync_RemovePresentAndAbsent_Succeeds()
    {
        Root.SkipUnlessAvailable();
        await using var ns = await TestNamespace.CreateAsync();
        var backend = new NftablesBackend(ns.FirewallOptions());
        await backend.SetupAsync();
        await backend.ApplyAsync([FirewallChange.Add(V4, TimeSpan.FromSeconds(60)), FirewallChange.Add(V6, TimeSpan.FromSeconds(60))]);

        await backend.ApplyAsync(
        [
            FirewallChange.Remove(V4),
            FirewallChange.Remove(IpAddr.Parse("198.51.100.77")),
            FirewallChange.Remove(IpAddr.Parse("2001:db8::77")),
        ]);

        var entry = Assert.Single(await backend.ListAsync());
        Assert.Equal(V6, entry.Target.Network);
    }

    [SkippableFact]
    public async Task TeardownAsync_OtherTablePresent_RemovesOnlyOurs()
    {
        Root.SkipUnlessAvailable();
        await using var ns = await TestNamespace.CreateAsync();
        await ns.NftAsync("add", "table", "inet", "other");
        await ns.NftAsync("add", "chain", "inet", "other", "keep");
        var backend = new NftablesBackend(ns.FirewallOptions());
        await backend.SetupAsync();

        await backend.TeardownAsync();
        await backend.TeardownAsync();

        var tables = (await ns.NftAsync("list", "tables")).StandardOutput;
        Assert.Contains("table inet other", tables, StringComparison.Ordinal);
        Assert.DoesNotContain("rustids", tables, StringComparison.Ordinal);
        Assert.Contains("chain keep", (await ns.NftAsync("list", "table", "inet", "other")).StandardOutput, StringComparison.Ordinal);
    }

    [SkippableTheory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task ApplyAsync_TableMissing_ThrowsWithExitCodeAndStderr(bool library)
    {
        Root.SkipUnlessAvailable();
        await using var ns = await TestNamespace.CreateAsync();
        var options = ns.FirewallOptions();
        options.UseLibNftables = library;
        var backend = new NftablesBackend(options);

        var ex = await Assert.ThrowsAsync<FirewallCommandException>(
            () => backend.ApplyAsync([FirewallChange.Add(V4, TimeSpan.FromSeconds(5))]));

        Assert.Equal(1, ex.ExitCode);
        Assert.Contains("No such file or directory", ex.StandardError, StringComparison.Ordinal);
        if (library)
        {
            Assert.Equal($"libnftables (netns {ns.Name})", ex.Command);
            Assert.StartsWith("add element inet rustids block_v4 { 192.0.2.10 timeout 5s }", Assert.Single(ex.Arguments), StringComparison.Ordinal);
        }
        else
        {
            Assert.Equal(Root.Ip, ex.Command);
            Assert.Contains(Root.Nft, ex.Arguments);
        }
    }

    [SkippableFact]
    public async Task ApplyAsync_BatchWithOneBadChange_AppliesNothing()
    {
        Root.SkipUnlessAvailable();
        await using var ns = await TestNamespace.CreateAsync();
        var backend = new NftablesBackend(ns.FirewallOptions());
        await backend.SetupAsync();
        // Delete the v6 set behind the backend's back: the v6 part of the batch must fail.
        await ns.NftAsync("flush", "chain", "inet", "rustids", "check");
        await ns.NftAsync("flush", "chain", "inet", "rustids", "check_out");
        await ns.NftAsync("delete", "set", "inet", "rustids", "block_v6");

        await Assert.ThrowsAsync<FirewallCommandException>(
            () => backend.ApplyAsync([FirewallChange.Add(V4, TimeSpan.FromSeconds(60)), FirewallChange.Add(V6, TimeSpan.FromSeconds(60))]));

        var v4Set = (await ns.NftAsync("list", "set", "inet", "rustids", "block_v4")).StandardOutput;
        Assert.DoesNotContain("192.0.2.10", v4Set, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task ReplaceFeedSetAsync_OldLayoutFeed_RefilledSplitThenRemovedWithoutTrace()
    {
        Root.SkipUnlessAvailable();
        await using var ns = await TestNamespace.CreateAsync();
        var backend = new NftablesBackend(ns.FirewallOptions());
        await backend.SetupAsync();
        // What an earlier version left: one interval set per family holding addresses and prefixes, one rule each.
        await ns.NftAsync("add", "set", "inet", "rustids", "f_old_v4", "{ type ipv4_addr; flags interval; }");
        await ns.NftAsync("add", "set", "inet", "rustids", "f_old_v6", "{ type ipv6_addr; flags interval; }");
        await ns.NftAsync("add", "element", "inet", "rustids", "f_old_v4", "{ 192.0.2.99, 203.0.113.0/24 }");
        await ns.NftAsync("add", "element", "inet", "rustids", "f_old_v6", "{ 2001:db8:99::1 }");
        await ns.NftAsync("add", "rule", "inet", "rustids", "feeds", "ip", "saddr", "@f_old_v4", "drop");
        await ns.NftAsync("add", "rule", "inet", "rustids", "feeds", "ip6", "saddr", "@f_old_v6", "drop");

        await backend.SetupAsync();
        Assert.Equal([new FeedSetInfo(Feed("old"), 3)], await backend.ListFeedSetsAsync());
        Assert.Equal(2, Count(await FeedsChainAsync(ns), "@f_old_"));

        await backend.ReplaceFeedSetAsync(Feed("old"), Set("192.0.2.1", "198.51.100.0/24", "2001:db8::/48", "2001:db8:5::5"));

        var v4Nets = await SetTextAsync(ns, "f_old_v4");
        Assert.Contains("198.51.100.0/24", v4Nets, StringComparison.Ordinal);
        Assert.DoesNotContain("192.0.2.99", v4Nets, StringComparison.Ordinal);
        Assert.DoesNotContain("203.0.113.0/24", v4Nets, StringComparison.Ordinal);
        Assert.DoesNotContain("192.0.2.1", v4Nets, StringComparison.Ordinal);
        Assert.Contains("192.0.2.1", await SetTextAsync(ns, "fa_old_v4"), StringComparison.Ordinal);
        Assert.Contains("2001:db8::/48", await SetTextAsync(ns, "f_old_v6"), StringComparison.Ordinal);
        Assert.DoesNotContain("2001:db8:99::1", await SetTextAsync(ns, "f_old_v6"), StringComparison.Ordinal);
        Assert.Contains("2001:db8:5::5", await SetTextAsync(ns, "fa_old_v6"), StringComparison.Ordinal);
        var rules = await FeedsChainAsync(ns);
        foreach (var set in (string[])["ip saddr @f_old_v4 drop", "ip saddr @fa_old_v4 drop", "ip6 saddr @f_old_v6 drop", "ip6 saddr @fa_old_v6 drop"])
            Assert.Equal(1, Count(rules, set));
        Assert.Equal([new FeedSetInfo(Feed("old"), 4)], await backend.ListFeedSetsAsync());

        await backend.SetupAsync();
        Assert.Equal(4, Count(await FeedsChainAsync(ns), "@f"));

        await backend.RemoveFeedSetAsync(Feed("old"));

        Assert.Empty(await backend.ListFeedSetsAsync());
        Assert.DoesNotContain("@f", await FeedsChainAsync(ns), StringComparison.Ordinal);
        var table = (await ns.NftAsync("-t", "list", "sets", "table", "inet", "rustids")).StandardOutput;
        Assert.DoesNotContain("set f_", table, StringComparison.Ordinal);
        Assert.DoesNotContain("set fa_", table, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task RemoveFeedSetAsync_OldLayoutFeedNeverReplaced_SetsAndRulesGone()
    {
        Root.SkipUnlessAvailable();
        await using var ns = await TestNamespace.CreateAsync();
        var backend = new NftablesBackend(ns.FirewallOptions());
        await backend.SetupAsync();
        await ns.NftAsync("add", "set", "inet", "rustids", "f_stale_v4", "{ type ipv4_addr; flags interval; }");
        await ns.NftAsync("add", "set", "inet", "rustids", "f_stale_v6", "{ type ipv6_addr; flags interval; }");
        await ns.NftAsync("add", "rule", "inet", "rustids", "feeds", "ip", "saddr", "@f_stale_v4", "drop");
        await ns.NftAsync("add", "rule", "inet", "rustids", "feeds", "ip6", "saddr", "@f_stale_v6", "drop");
        await backend.ReplaceFeedSetAsync(Feed("kept"), Set("192.0.2.1", "198.51.100.0/24"));

        await backend.RemoveFeedSetAsync(Feed("stale"));

        Assert.Equal([new FeedSetInfo(Feed("kept"), 2)], await backend.ListFeedSetsAsync());
        var rules = await FeedsChainAsync(ns);
        Assert.DoesNotContain("stale", rules, StringComparison.Ordinal);
        Assert.Equal(4, Count(rules, "@f"));
    }

    [SkippableFact]
    public async Task ReplaceFeedSetAsync_ListGrowsPastAddressSetSize_SetCreatedAgainLarger()
    {
        Root.SkipUnlessAvailable();
        await using var ns = await TestNamespace.CreateAsync();
        var backend = new NftablesBackend(ns.FirewallOptions());
        await backend.SetupAsync();
        var feed = Feed("grow");
        CidrSet Addresses(int count)
        {
            var builder = new CidrSetBuilder();
            for (var i = 0; i < count; i++)
                builder.Add(Cidr.Single(IpAddr.FromV4(0xC6330000u + 2 * (uint)i))); // every other address: no two merge into a prefix
            return builder.Build();
        }

        await backend.ReplaceFeedSetAsync(feed, Addresses(10));
        await backend.ReplaceFeedSetAsync(feed, Addresses(500));

        Assert.Equal([new FeedSetInfo(feed, 500)], await backend.ListFeedSetsAsync());
        Assert.Contains("size 500", await SetTextAsync(ns, "fa_grow_v4"), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task ApplyAsync_ThousandAdds_OneBatchMeasured()
    {
        Root.SkipUnlessAvailable();
        await using var ns = await TestNamespace.CreateAsync();
        var backend = new NftablesBackend(ns.FirewallOptions());
        await backend.SetupAsync();
        var changes = Enumerable.Range(0, 1000)
            .Select(i => FirewallChange.Add(IpAddr.FromV4(0xC6120000u + (uint)i), TimeSpan.FromMinutes(10)))
            .ToArray();

        var stopwatch = Stopwatch.StartNew();
        await backend.ApplyAsync(changes);
        var addElapsed = stopwatch.Elapsed;
        stopwatch.Restart();
        await backend.ApplyAsync(changes); // every address present: the refresh path
        var refreshElapsed = stopwatch.Elapsed;
        stopwatch.Restart();
        var entries = await backend.ListAsync();
        var listElapsed = stopwatch.Elapsed;

        Assert.Equal(1000, entries.Count);
        output.WriteLine($"1000 adds: {addElapsed.TotalMilliseconds:0} ms; 1000 refreshes: {refreshElapsed.TotalMilliseconds:0} ms; list: {listElapsed.TotalMilliseconds:0} ms");
    }

    private static FeedSetName Feed(string name) => Iptables.IptablesBackendTests.Feed(name);

    private static CidrSet Set(params string[] cidrs) => Iptables.IptablesBackendTests.Set(cidrs);

    private static async Task<string> SetTextAsync(TestNamespace ns, string set) =>
        (await ns.NftAsync("list", "set", "inet", "rustids", set)).StandardOutput;

    private static async Task<string> FeedsChainAsync(TestNamespace ns) =>
        (await ns.NftAsync("list", "chain", "inet", "rustids", "feeds")).StandardOutput;

    private static int Count(string text, string part)
    {
        var count = 0;
        for (var at = text.IndexOf(part, StringComparison.Ordinal); at >= 0; at = text.IndexOf(part, at + part.Length, StringComparison.Ordinal))
            count++;
        return count;
    }
}
