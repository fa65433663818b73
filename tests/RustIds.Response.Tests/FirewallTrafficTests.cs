using System.Diagnostics;
using RustIds.Packets;
using RustIds.Reputation.Addresses;
using RustIds.Response.Tests.Iptables;
using Xunit.Abstractions;

namespace RustIds.Response.Tests;

/// <summary>Real TCP and ICMP between two namespaces: what each backend blocks must really be dropped, on IPv4 and IPv6.</summary>
public sealed class FirewallTrafficTests(ITestOutputHelper output)
{
    [SkippableTheory]
    [InlineData("nftables")]
    [InlineData("iptables")]
    public async Task ApplyAsync_BlockV4AndV6_DroppedThenAllowedAfterExpiry(string kind)
    {
        TrafficLab.SkipUnlessAvailable(kind);
        await using var lab = await TrafficLab.CreateAsync();
        Assert.True(await lab.CanConnectAsync(lab.GatewayV4, 3), "IPv4 connect before the block");
        Assert.True(await lab.CanConnectAsync(lab.GatewayV6, 3), "IPv6 connect before the block");
        var backend = TrafficLab.Backend(kind, lab.Gateway.FirewallOptions());
        await backend.SetupAsync();

        await backend.ApplyAsync(
        [
            FirewallChange.Add(IpAddr.Parse(lab.AttackerV4), TimeSpan.FromSeconds(3)),
            FirewallChange.Add(IpAddr.Parse(lab.AttackerV6), TimeSpan.FromSeconds(3)),
        ]);

        Assert.False(await lab.CanConnectAsync(lab.GatewayV4, 1), "IPv4 connect while blocked");
        Assert.False(await lab.CanConnectAsync(lab.GatewayV6, 1), "IPv6 connect while blocked");
        var deadline = Stopwatch.StartNew();
        while ((await backend.ListAsync()).Count > 0)
        {
            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(15), "the set timeout never removed the elements");
            await Task.Delay(TimeSpan.FromMilliseconds(200));
        }
        Assert.True(await lab.CanConnectAsync(lab.GatewayV4, 3), "IPv4 connect after expiry");
        Assert.True(await lab.CanConnectAsync(lab.GatewayV6, 3), "IPv6 connect after expiry");
    }

    [SkippableTheory]
    [InlineData("nftables")]
    [InlineData("iptables")]
    public async Task ApplyAsync_BlockPrefixes_DroppedThenRemovedAllowed(string kind)
    {
        TrafficLab.SkipUnlessAvailable(kind);
        await using var lab = await TrafficLab.CreateAsync();
        var backend = TrafficLab.Backend(kind, lab.Gateway.FirewallOptions());
        await backend.SetupAsync();
        var v4 = new Cidr(IpAddr.Parse(lab.AttackerV4), 24);
        var v6 = new Cidr(IpAddr.Parse(lab.AttackerV6), 64);

        await backend.ApplyAsync([FirewallChange.Add(v4, TimeSpan.FromMinutes(5)), FirewallChange.Add(v6, TimeSpan.FromMinutes(5))]);

        Assert.False(await lab.CanConnectAsync(lab.GatewayV4, 1), "IPv4 connect while the prefix is blocked");
        Assert.False(await lab.CanConnectAsync(lab.GatewayV6, 1), "IPv6 connect while the prefix is blocked");

        await backend.ApplyAsync([FirewallChange.Remove(v4), FirewallChange.Remove(v6)]);

        Assert.True(await lab.CanConnectAsync(lab.GatewayV4, 3), "IPv4 connect after removal");
        Assert.True(await lab.CanConnectAsync(lab.GatewayV6, 3), "IPv6 connect after removal");
    }

    [SkippableTheory]
    [InlineData("nftables", false)]
    [InlineData("nftables", true)]
    [InlineData("iptables", false)]
    [InlineData("iptables", true)]
    public async Task ApplyAsync_RateLimit_PingFloodCutToRate(string kind, bool v6)
    {
        TrafficLab.SkipUnlessAvailable(kind);
        await using var lab = await TrafficLab.CreateAsync();
        var options = lab.Gateway.FirewallOptions();
        options.RateLimit = new RateLimitOptions { PacketsPerSecond = 5, Burst = 5 };
        var backend = TrafficLab.Backend(kind, options);
        await backend.SetupAsync();
        var gateway = v6 ? lab.GatewayV6 : lab.GatewayV4;
        var attacker = IpAddr.Parse(v6 ? lab.AttackerV6 : lab.AttackerV4);

        var (baseline, _) = await lab.PingAsync(gateway, 200, 0.01);
        await backend.ApplyAsync([FirewallChange.Add(attacker, TimeSpan.FromMinutes(5), FirewallAction.RateLimit)]);
        var (limited, elapsed) = await lab.PingAsync(gateway, 200, 0.01);

        output.WriteLine($"{kind} IPv{(v6 ? 6 : 4)}: {baseline}/200 replies without the limit, {limited}/200 with 5/s burst 5 in {elapsed.TotalSeconds:0.00} s");
        Assert.Equal(200, baseline);
        Assert.InRange(limited, 1, (int)Math.Ceiling(5 * elapsed.TotalSeconds) + 5 + 2);
    }

    [SkippableTheory]
    [InlineData("nftables")]
    [InlineData("iptables")]
    public async Task Allowlist_AddressAlsoBlockedAndInFeed_NotDropped(string kind)
    {
        TrafficLab.SkipUnlessAvailable(kind);
        await using var lab = await TrafficLab.CreateAsync();
        var backend = TrafficLab.Backend(kind, lab.Gateway.FirewallOptions());
        await backend.SetupAsync();
        var allowed = IptablesBackendTests.Set(lab.AttackerV4, lab.AttackerV6);

        await backend.ReplaceAllowlistAsync(allowed);
        await backend.ApplyAsync(
        [
            FirewallChange.Add(IpAddr.Parse(lab.AttackerV4), TimeSpan.FromMinutes(5)),
            FirewallChange.Add(IpAddr.Parse(lab.AttackerV6), TimeSpan.FromMinutes(5)),
        ]);
        await backend.ReplaceFeedSetAsync(IptablesBackendTests.Feed("evil"), allowed);

        Assert.True(await lab.CanConnectAsync(lab.GatewayV4, 3), "allowlisted IPv4 connect");
        Assert.True(await lab.CanConnectAsync(lab.GatewayV6, 3), "allowlisted IPv6 connect");

        await backend.ReplaceAllowlistAsync(CidrSet.Empty);

        Assert.False(await lab.CanConnectAsync(lab.GatewayV4, 1), "IPv4 connect once no longer allowlisted");
        Assert.False(await lab.CanConnectAsync(lab.GatewayV6, 1), "IPv6 connect once no longer allowlisted");
    }

    [SkippableTheory]
    [InlineData("nftables")]
    [InlineData("iptables")]
    public async Task ReplaceFeedSetAsync_SwappedToSetWithAttacker_AttackerDroppedOnlyWhileMember(string kind)
    {
        TrafficLab.SkipUnlessAvailable(kind);
        await using var lab = await TrafficLab.CreateAsync();
        var backend = TrafficLab.Backend(kind, lab.Gateway.FirewallOptions());
        await backend.SetupAsync();
        var feed = IptablesBackendTests.Feed("feed1");

        await backend.ReplaceFeedSetAsync(feed, IptablesBackendTests.Set("192.0.2.1", "198.51.100.0/24", "2001:db8::/48"));

        Assert.True(await lab.CanConnectAsync(lab.GatewayV4, 3), "IPv4 connect while not a member");
        Assert.Equal(3, Assert.Single(await backend.ListFeedSetsAsync()).Entries);

        await backend.ReplaceFeedSetAsync(feed, IptablesBackendTests.Set(lab.AttackerV4 + "/32", lab.AttackerV6 + "/128"));

        Assert.Equal(2, Assert.Single(await backend.ListFeedSetsAsync()).Entries);
        Assert.False(await lab.CanConnectAsync(lab.GatewayV4, 1), "IPv4 connect while a member");
        Assert.False(await lab.CanConnectAsync(lab.GatewayV6, 1), "IPv6 connect while a member");

        // Split layout on nftables (addresses in a hash set, prefixes in an interval set): each kind must drop.
        await backend.ReplaceFeedSetAsync(feed, new CidrSetBuilder()
            .Add(Cidr.Single(IpAddr.Parse(lab.AttackerV4))).Add(new Cidr(IpAddr.Parse(lab.AttackerV6), 64)).Add(Cidr.Parse("192.0.2.1")).Build());

        Assert.False(await lab.CanConnectAsync(lab.GatewayV4, 1), "IPv4 connect while the address is listed next to a prefix");
        Assert.False(await lab.CanConnectAsync(lab.GatewayV6, 1), "IPv6 connect while its /64 is listed");

        await backend.ReplaceFeedSetAsync(feed, new CidrSetBuilder()
            .Add(new Cidr(IpAddr.Parse(lab.AttackerV4), 24)).Add(Cidr.Single(IpAddr.Parse(lab.AttackerV6))).Add(Cidr.Parse("2001:db8::/48")).Build());

        Assert.False(await lab.CanConnectAsync(lab.GatewayV4, 1), "IPv4 connect while its /24 is listed");
        Assert.False(await lab.CanConnectAsync(lab.GatewayV6, 1), "IPv6 connect while the address is listed next to a prefix");

        await backend.RemoveFeedSetAsync(feed);

        Assert.True(await lab.CanConnectAsync(lab.GatewayV4, 3), "IPv4 connect after the feed set is removed");
        Assert.True(await lab.CanConnectAsync(lab.GatewayV6, 3), "IPv6 connect after the feed set is removed");
        Assert.Empty(await backend.ListFeedSetsAsync());
    }
}
