using RustIds.Packets;
using RustIds.Reputation.Addresses;
using RustIds.Response.Iptables;

namespace RustIds.Response.Tests.Iptables;

/// <summary>The iptables backend against real iptables, ip6tables and ipset in a throwaway network namespace.</summary>
public sealed class IptablesBackendTests
{
    private static readonly IpAddr V4 = IpAddr.Parse("192.0.2.10");
    private static readonly IpAddr V6 = IpAddr.Parse("2001:db8::10");

    [SkippableFact]
    public async Task SetupAsync_Twice_OneJumpFirstAndForeignRulesKept()
    {
        IptablesTools.SkipUnlessAvailable();
        await using var ns = await TestNamespace.CreateAsync();
        foreach (var v6 in new[] { false, true })
            await ns.IptablesAsync(v6, "-A", "INPUT", "-p", "tcp", "--dport", "22", "-j", "ACCEPT");
        await ns.IpsetAsync("create", "other", "hash:ip");
        var backend = new IptablesBackend(ns.FirewallOptions());

        await backend.SetupAsync();
        await backend.ApplyAsync([FirewallChange.Add(V4, TimeSpan.FromHours(1))]);
        await backend.SetupAsync();

        foreach (var v6 in new[] { false, true })
        {
            var input = await ns.RulesAsync(v6, "INPUT");
            Assert.Equal(["-A INPUT -j RUSTIDS", "-A INPUT -p tcp -m tcp --dport 22 -j ACCEPT"], input);
            Assert.Equal(["-A FORWARD -j RUSTIDS"], await ns.RulesAsync(v6, "FORWARD"));
            Assert.Empty(await ns.RulesAsync(v6, "OUTPUT"));
            var digit = v6 ? '6' : '4';
            var chain = await ns.RulesAsync(v6, "RUSTIDS");
            Assert.Equal($"-A RUSTIDS -m set --match-set rustids_allow{digit} src -j RETURN", chain[0]);
            Assert.Equal($"-A RUSTIDS -m set --match-set rustids_block{digit} src -j DROP", chain[1]);
            Assert.Equal($"-A RUSTIDS -m set --match-set rustids_blocknet{digit} src -j DROP", chain[2]);
            Assert.Contains("--hashlimit-above 10/sec --hashlimit-burst 20 --hashlimit-mode srcip", chain[3], StringComparison.Ordinal);
            Assert.Equal(5, chain.Count);
        }
        Assert.Contains(await backend.ListAsync(), e => e.Target == Cidr.Single(V4));
        Assert.Contains("maxelem 1048576", await ns.IpsetAsync("list", "-terse", "rustids_block4"), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task SetupAsync_JumpMovedOrDuplicated_OneJumpAtPositionOne()
    {
        IptablesTools.SkipUnlessAvailable();
        await using var ns = await TestNamespace.CreateAsync();
        var backend = new IptablesBackend(ns.FirewallOptions());
        await backend.SetupAsync();
        await ns.IptablesAsync(false, "-I", "INPUT", "1", "-p", "udp", "-j", "ACCEPT");
        await ns.IptablesAsync(false, "-A", "FORWARD", "-j", "RUSTIDS");

        await backend.SetupAsync();

        Assert.Equal(["-A INPUT -j RUSTIDS", "-A INPUT -p udp -j ACCEPT"], await ns.RulesAsync(false, "INPUT"));
        Assert.Equal(["-A FORWARD -j RUSTIDS"], await ns.RulesAsync(false, "FORWARD"));
    }

    [SkippableFact]
    public async Task SetupAsync_HookOutputOnThenOff_OutputJumpAddedThenRemoved()
    {
        IptablesTools.SkipUnlessAvailable();
        await using var ns = await TestNamespace.CreateAsync();
        var options = ns.FirewallOptions();
        options.HookOutput = true;

        await new IptablesBackend(options).SetupAsync();

        foreach (var v6 in new[] { false, true })
        {
            var digit = v6 ? '6' : '4';
            Assert.Equal(["-A OUTPUT -j RUSTIDS_OUT"], await ns.RulesAsync(v6, "OUTPUT"));
            Assert.Equal(
                [
                    $"-A RUSTIDS_OUT -m set --match-set rustids_allow{digit} dst -j RETURN",
                    $"-A RUSTIDS_OUT -m set --match-set rustids_block{digit} dst -j DROP",
                    $"-A RUSTIDS_OUT -m set --match-set rustids_blocknet{digit} dst -j DROP",
                ],
                await ns.RulesAsync(v6, "RUSTIDS_OUT"));
        }

        options.HookOutput = false;
        await new IptablesBackend(options).SetupAsync();

        Assert.Empty(await ns.RulesAsync(false, "OUTPUT"));
        Assert.Empty(await ns.RulesAsync(true, "OUTPUT"));
    }

    [SkippableFact]
    public async Task TeardownAsync_Twice_RemovesOnlyOurs()
    {
        IptablesTools.SkipUnlessAvailable();
        await using var ns = await TestNamespace.CreateAsync();
        foreach (var v6 in new[] { false, true })
            await ns.IptablesAsync(v6, "-A", "INPUT", "-p", "tcp", "--dport", "22", "-j", "ACCEPT");
        await ns.IpsetAsync("create", "other", "hash:ip");
        var options = ns.FirewallOptions();
        options.HookOutput = true;
        var backend = new IptablesBackend(options);
        await backend.SetupAsync();
        await backend.ReplaceFeedSetAsync(Feed("evil"), Set("198.51.100.0/24"));
        await backend.ApplyAsync([FirewallChange.Add(V4, TimeSpan.FromHours(1)), FirewallChange.Add(V6, TimeSpan.FromHours(1))]);

        await backend.TeardownAsync();
        await backend.TeardownAsync();

        foreach (var v6 in new[] { false, true })
        {
            var all = await ns.IptablesAsync(v6, "-S");
            Assert.DoesNotContain("RUSTIDS", all, StringComparison.Ordinal);
            Assert.Equal(["-A INPUT -p tcp -m tcp --dport 22 -j ACCEPT"], await ns.RulesAsync(v6, "INPUT"));
        }
        Assert.Equal("other", (await ns.IpsetAsync("list", "-name")).Trim());
    }

    [SkippableFact]
    public async Task TeardownAsync_NothingSetUp_Succeeds()
    {
        IptablesTools.SkipUnlessAvailable();
        await using var ns = await TestNamespace.CreateAsync();

        await new IptablesBackend(ns.FirewallOptions()).TeardownAsync();
    }

    [SkippableFact]
    public async Task ApplyAsync_AddressesAndPrefixesBothFamiliesBlockAndRateLimit_ListedWithRemaining()
    {
        IptablesTools.SkipUnlessAvailable();
        await using var ns = await TestNamespace.CreateAsync();
        var backend = new IptablesBackend(ns.FirewallOptions());
        await backend.SetupAsync();

        await backend.ApplyAsync(
        [
            FirewallChange.Add(V4, TimeSpan.FromSeconds(60)),
            FirewallChange.Add(V6, TimeSpan.FromSeconds(120)),
            FirewallChange.Add(Cidr.Parse("10.1.0.0/16"), TimeSpan.FromSeconds(300)),
            FirewallChange.Add(Cidr.Parse("2001:db8:1::/48"), TimeSpan.FromSeconds(400)),
            FirewallChange.Add(IpAddr.Parse("192.0.2.20"), TimeSpan.FromSeconds(500), FirewallAction.RateLimit),
            FirewallChange.Add(IpAddr.Parse("2001:db8::20"), TimeSpan.FromSeconds(600), FirewallAction.RateLimit),
            FirewallChange.Add(Cidr.Parse("172.16.0.0/12"), TimeSpan.FromSeconds(700), FirewallAction.RateLimit),
            FirewallChange.Add(Cidr.Parse("2001:db8:2::/64"), TimeSpan.FromSeconds(800), FirewallAction.RateLimit),
        ]);
        var entries = await backend.ListAsync();

        Assert.Equal(8, entries.Count);
        AssertEntry(entries, "192.0.2.10", FirewallAction.Block, 60);
        AssertEntry(entries, "2001:db8::10", FirewallAction.Block, 120);
        AssertEntry(entries, "10.1.0.0/16", FirewallAction.Block, 300);
        AssertEntry(entries, "2001:db8:1::/48", FirewallAction.Block, 400);
        AssertEntry(entries, "192.0.2.20", FirewallAction.RateLimit, 500);
        AssertEntry(entries, "2001:db8::20", FirewallAction.RateLimit, 600);
        AssertEntry(entries, "172.16.0.0/12", FirewallAction.RateLimit, 700);
        AssertEntry(entries, "2001:db8:2::/64", FirewallAction.RateLimit, 800);
        Assert.Equal(["192.0.2.10"], await ns.MembersAsync("rustids_block4"));
        Assert.Equal(["10.1.0.0/16"], await ns.MembersAsync("rustids_blocknet4"));
        Assert.Equal(["2001:db8:2::/64"], await ns.MembersAsync("rustids_rlnet6"));
    }

    [SkippableFact]
    public async Task ApplyAsync_ReAddAndRemovePresentAndAbsent_RefreshesAndRemoves()
    {
        IptablesTools.SkipUnlessAvailable();
        await using var ns = await TestNamespace.CreateAsync();
        var backend = new IptablesBackend(ns.FirewallOptions());
        await backend.SetupAsync();
        await backend.ApplyAsync(
        [
            FirewallChange.Add(V4, TimeSpan.FromSeconds(30)),
            FirewallChange.Add(V6, TimeSpan.FromSeconds(60)),
            FirewallChange.Add(Cidr.Parse("10.1.0.0/16"), TimeSpan.FromSeconds(60)),
            FirewallChange.Add(Cidr.Parse("2001:db8:1::/48"), TimeSpan.FromSeconds(60), FirewallAction.RateLimit),
        ]);

        await backend.ApplyAsync(
        [
            FirewallChange.Add(V4, TimeSpan.FromSeconds(900)),
            FirewallChange.Remove(V6),
            FirewallChange.Remove(Cidr.Parse("10.1.0.0/16")),
            FirewallChange.Remove(Cidr.Parse("2001:db8:1::/48"), FirewallAction.RateLimit),
            FirewallChange.Remove(IpAddr.Parse("198.51.100.77")),
            FirewallChange.Remove(IpAddr.Parse("2001:db8::77"), FirewallAction.RateLimit),
            FirewallChange.Remove(Cidr.Parse("10.9.0.0/16")),
        ]);

        var entry = Assert.Single(await backend.ListAsync());
        Assert.Equal(Cidr.Single(V4), entry.Target);
        Assert.InRange(entry.Remaining!.Value.TotalSeconds, 890, 900);
    }

    [SkippableFact]
    public async Task ApplyAsync_TimeoutBeyondIpsetRange_Capped()
    {
        IptablesTools.SkipUnlessAvailable();
        await using var ns = await TestNamespace.CreateAsync();
        var backend = new IptablesBackend(ns.FirewallOptions());
        await backend.SetupAsync();

        await backend.ApplyAsync([FirewallChange.Add(V4, TimeSpan.FromDays(60))]);

        Assert.InRange(Assert.Single(await backend.ListAsync()).Remaining!.Value.TotalSeconds, 2_147_473, 2_147_483);
    }

    [SkippableFact]
    public async Task ApplyAsync_NotSetUp_ThrowsWithStderrAndNothingChanged()
    {
        IptablesTools.SkipUnlessAvailable();
        await using var ns = await TestNamespace.CreateAsync();
        var backend = new IptablesBackend(ns.FirewallOptions());

        var ex = await Assert.ThrowsAsync<FirewallCommandException>(() => backend.ApplyAsync([FirewallChange.Add(V4, TimeSpan.FromSeconds(5))]));

        Assert.Equal(1, ex.ExitCode);
        Assert.Contains("does not exist", ex.StandardError, StringComparison.Ordinal);
        Assert.Contains("line 1 of 1", ex.Message, StringComparison.Ordinal);
        Assert.Equal(IptablesTools.Ipset, ex.Command);
    }

    [SkippableFact]
    public async Task ListAsync_NotSetUp_ThrowsNamingTheMissingSet()
    {
        IptablesTools.SkipUnlessAvailable();
        await using var ns = await TestNamespace.CreateAsync();

        var ex = await Assert.ThrowsAsync<FirewallCommandException>(() => new IptablesBackend(ns.FirewallOptions()).ListAsync());

        Assert.Contains("rustids_block4 does not exist", ex.Message, StringComparison.Ordinal);
        Assert.Contains("not set up", ex.Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task ReplaceFeedSetAsync_NewThenReplacedThenRemoved_RuleAndMembersFollow()
    {
        IptablesTools.SkipUnlessAvailable();
        await using var ns = await TestNamespace.CreateAsync();
        var backend = new IptablesBackend(ns.FirewallOptions());
        await backend.SetupAsync();
        var feed = Feed("spamhaus_drop");

        await backend.ReplaceFeedSetAsync(feed, Set("192.0.2.1", "198.51.100.0/24", "2001:db8::/48"));

        Assert.Equal([new FeedSetInfo(feed, 3)], await backend.ListFeedSetsAsync());
        Assert.Contains("-A RUSTIDS -m set --match-set rustids_f_spamhaus_drop4 src -j DROP", await ns.RulesAsync(false, "RUSTIDS"));
        Assert.Contains("-A RUSTIDS -m set --match-set rustids_f_spamhaus_drop6 src -j DROP", await ns.RulesAsync(true, "RUSTIDS"));

        await backend.ReplaceFeedSetAsync(feed, Set("203.0.113.0/24", "2001:db8:5::/64"));

        Assert.Equal([new FeedSetInfo(feed, 2)], await backend.ListFeedSetsAsync());
        Assert.Equal(["203.0.113.0/24"], await ns.MembersAsync("rustids_f_spamhaus_drop4"));
        Assert.Equal(["2001:db8:5::/64"], await ns.MembersAsync("rustids_f_spamhaus_drop6"));
        Assert.Single(await ns.RulesAsync(false, "RUSTIDS"), r => r.Contains("rustids_f_", StringComparison.Ordinal));
        Assert.DoesNotContain("tmp", await ns.IpsetAsync("list", "-name"), StringComparison.Ordinal);

        await backend.RemoveFeedSetAsync(feed);
        await backend.RemoveFeedSetAsync(feed);

        Assert.Empty(await backend.ListFeedSetsAsync());
        Assert.DoesNotContain(await ns.RulesAsync(false, "RUSTIDS"), r => r.Contains("rustids_f_", StringComparison.Ordinal));
        Assert.DoesNotContain("rustids_f_", await ns.IpsetAsync("list", "-name"), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task ReplaceAllowlistAsync_Twice_OnlyNewMembers()
    {
        IptablesTools.SkipUnlessAvailable();
        await using var ns = await TestNamespace.CreateAsync();
        var backend = new IptablesBackend(ns.FirewallOptions());
        await backend.SetupAsync();

        await backend.ReplaceAllowlistAsync(Set("192.0.2.0/24", "2001:db8::1"));
        await backend.ReplaceAllowlistAsync(Set("198.51.100.7", "10.0.0.0/8", "2001:db8:9::/48"));

        Assert.Equal(["10.0.0.0/8", "198.51.100.7"], await ns.MembersAsync("rustids_allow4"));
        Assert.Equal(["2001:db8:9::/48"], await ns.MembersAsync("rustids_allow6"));
        Assert.Equal("-A RUSTIDS -m set --match-set rustids_allow4 src -j RETURN", (await ns.RulesAsync(false, "RUSTIDS"))[0]);
    }

    internal static FeedSetName Feed(string name) =>
        FeedSetName.TryParse(name, out var feed) ? feed : throw new ArgumentException(name, nameof(name));

    internal static CidrSet Set(params string[] cidrs)
    {
        var builder = new CidrSetBuilder();
        foreach (var cidr in cidrs)
            builder.Add(Cidr.Parse(cidr));
        return builder.Build();
    }

    private static void AssertEntry(IReadOnlyList<FirewallEntry> entries, string target, FirewallAction action, int timeoutSeconds)
    {
        var entry = Assert.Single(entries, e => e.Target == Cidr.Parse(target));
        Assert.Equal(action, entry.Action);
        Assert.Null(entry.Timeout);
        Assert.InRange(entry.Remaining!.Value.TotalSeconds, timeoutSeconds - 10, timeoutSeconds);
    }
}
