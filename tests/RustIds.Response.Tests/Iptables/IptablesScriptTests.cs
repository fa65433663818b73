using RustIds.Packets;
using RustIds.Reputation.Addresses;
using RustIds.Response.Iptables;

namespace RustIds.Response.Tests.Iptables;

/// <summary>The scripts and parsers of the iptables backend, without running anything.</summary>
public sealed class IptablesScriptTests
{
    [Fact]
    public void BuildChanges_EachKindActionAndFamily_GoesToItsSet()
    {
        var script = IpsetScript.BuildChanges(
        [
            FirewallChange.Add(IpAddr.Parse("192.0.2.1"), TimeSpan.FromSeconds(1.2)),
            FirewallChange.Add(Cidr.Parse("10.0.0.0/8"), TimeSpan.FromMinutes(1)),
            FirewallChange.Add(IpAddr.Parse("2001:db8::1"), TimeSpan.FromSeconds(5), FirewallAction.RateLimit),
            FirewallChange.Add(Cidr.Parse("2001:db8::/32"), TimeSpan.FromDays(365), FirewallAction.RateLimit),
            FirewallChange.Remove(IpAddr.Parse("2001:db8::2")),
        ]);

        Assert.Equal(
            "add rustids_block4 192.0.2.1 timeout 2\n" +
            "add rustids_blocknet4 10.0.0.0/8 timeout 60\n" +
            "add rustids_rl6 2001:db8::1 timeout 5\n" +
            "add rustids_rlnet6 2001:db8::/32 timeout 2147483\n" +
            "del rustids_block6 2001:db8::2\n",
            script);
    }

    [Fact]
    public void BuildChains_JumpAlreadyFirstAndOnly_NoJumpChanges()
    {
        const string Current = "-P INPUT ACCEPT\n-N RUSTIDS\n-A INPUT -j RUSTIDS\n-A INPUT -p tcp -j ACCEPT\n-A FORWARD -j RUSTIDS\n";

        var script = IptablesScript.BuildChains(new FirewallOptions(), v6: false, [], Current);

        Assert.DoesNotContain("-D INPUT", script, StringComparison.Ordinal);
        Assert.DoesNotContain("-I INPUT", script, StringComparison.Ordinal);
        Assert.DoesNotContain("FORWARD", script, StringComparison.Ordinal);
        Assert.StartsWith("*filter\n:RUSTIDS - [0:0]\n", script, StringComparison.Ordinal);
        Assert.EndsWith("COMMIT\n", script, StringComparison.Ordinal);
    }

    [Fact]
    public void BuildChains_JumpSecondAndDuplicated_AllDeletedThenInsertedFirst()
    {
        const string Current = "-A INPUT -p udp -j ACCEPT\n-A INPUT -j RUSTIDS\n-A INPUT -j RUSTIDS\n";

        var script = IptablesScript.BuildChains(new FirewallOptions(), v6: true, [], Current);

        Assert.Contains("-D INPUT -j RUSTIDS\n-D INPUT -j RUSTIDS\n-I INPUT 1 -j RUSTIDS\n", script, StringComparison.Ordinal);
        Assert.Contains("-I FORWARD 1 -j RUSTIDS\n", script, StringComparison.Ordinal);
        Assert.Contains("--match-set rustids_allow6 src -j RETURN", script, StringComparison.Ordinal);
    }

    [Fact]
    public void BuildTeardown_NothingOfOurs_Null() =>
        Assert.Null(IptablesScript.BuildTeardown("-P INPUT ACCEPT\n-A INPUT -p tcp -j ACCEPT\n-N OTHER\n"));

    [Fact]
    public void ParseSave_MembersWithTimeouts_Entries()
    {
        var entries = new List<FirewallEntry>();

        IpsetOutputParser.ParseSave(
            "create rustids_blocknet6 hash:net family inet6 hashsize 1024 maxelem 1048576 timeout 0\n" +
            "add rustids_blocknet6 2001:db8::/32 timeout 57\nadd rustids_blocknet6 2001:db8:1::1 timeout 0\n",
            FirewallAction.Block,
            entries);

        Assert.Equal(
            [
                new FirewallEntry(Cidr.Parse("2001:db8::/32"), FirewallAction.Block, null, TimeSpan.FromSeconds(57)),
                new FirewallEntry(Cidr.Parse("2001:db8:1::1/128"), FirewallAction.Block, null, null),
            ],
            entries);
    }

    [Fact]
    public void ParseErrorLine_RestoreError_LineNumber() =>
        Assert.Equal(12, IpsetOutputParser.ParseErrorLine("ipset v7.17: Error in line 12: The set with the given name does not exist"));

    [Theory]
    [InlineData("rustids_f_spamhaus4", "spamhaus")]
    [InlineData("rustids_f_x44", "x4")]
    public void TryParseFeedV4_FeedSetNames_FeedName(string set, string feed)
    {
        Assert.True(IpsetLayout.TryParseFeedV4(set, out var parsed));
        Assert.Equal(feed, parsed.Value);
    }

    [Theory]
    [InlineData("rustids_f_spamhaus6")]
    [InlineData("rustids_block4")]
    [InlineData("rustids_f_Bad4")]
    public void TryParseFeedV4_OtherSets_False(string set) => Assert.False(IpsetLayout.TryParseFeedV4(set, out _));

    [Fact]
    public void NetworksOf_WholeFamily_TwoHalves()
    {
        var set = new CidrSetBuilder().Add(Cidr.Parse("0.0.0.0/0")).Build();

        Assert.Equal([Cidr.Parse("0.0.0.0/1"), Cidr.Parse("128.0.0.0/1")], IpsetScript.NetworksOf(set, v6: false));
        Assert.Empty(IpsetScript.NetworksOf(set, v6: true));
    }
}
