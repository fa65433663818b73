using System.Text;
using RustIds.Reputation.Addresses;
using RustIds.Packets;
using RustIds.Response.Nft;

namespace RustIds.Response.Tests;

public sealed class NftScriptTests
{
    [Fact]
    public void BuildChangeScript_AddRefreshAndRemove_OnlyRefreshAndRemoveDelete()
    {
        var script = NftablesBackend.BuildChangeScript(
        [
            FirewallChange.Add(Cidr.Parse("198.51.100.0/24"), TimeSpan.FromMinutes(1), FirewallAction.RateLimit),
            FirewallChange.Refresh(Cidr.Parse("192.0.2.1"), TimeSpan.FromMilliseconds(1500)),
            FirewallChange.Remove(IpAddr.Parse("2001:db8::1")),
        ]);

        Assert.Equal(
            "add element inet rustids rlnet_v4 { 198.51.100.0/24 timeout 60s }\n" +
            "add element inet rustids block_v4 { 192.0.2.1 }\n" +
            "delete element inet rustids block_v4 { 192.0.2.1 }\n" +
            "add element inet rustids block_v4 { 192.0.2.1 timeout 2s }\n" +
            "add element inet rustids block_v6 { 2001:db8::1 }\n" +
            "delete element inet rustids block_v6 { 2001:db8::1 }\n",
            script);
    }

    [Fact]
    public void BuildChangeScript_RunsOfNewElements_OneStatementPerSetOrderKeptAroundOtherChanges()
    {
        var script = NftablesBackend.BuildChangeScript(
        [
            FirewallChange.Add(IpAddr.Parse("192.0.2.1"), TimeSpan.FromSeconds(10)),
            FirewallChange.Add(IpAddr.Parse("2001:db8::1"), TimeSpan.FromSeconds(20)),
            FirewallChange.Add(IpAddr.Parse("192.0.2.2"), TimeSpan.FromSeconds(30)),
            FirewallChange.Remove(IpAddr.Parse("192.0.2.1")),
            FirewallChange.Add(IpAddr.Parse("192.0.2.1"), TimeSpan.FromSeconds(40)),
        ]);

        Assert.Equal(
            "add element inet rustids block_v4 { 192.0.2.1 timeout 10s, 192.0.2.2 timeout 30s }\n" +
            "add element inet rustids block_v6 { 2001:db8::1 timeout 20s }\n" +
            "add element inet rustids block_v4 { 192.0.2.1 }\n" +
            "delete element inet rustids block_v4 { 192.0.2.1 }\n" +
            "add element inet rustids block_v4 { 192.0.2.1 timeout 40s }\n",
            script);
    }

    [Fact]
    public void AppendReplace_AddressesAndPrefixes_SplitIntoHashAndIntervalSets()
    {
        var entries = new CidrSetBuilder()
            .Add(Cidr.Parse("192.0.2.1")).Add(Cidr.Parse("198.51.100.0/24")).Add(Cidr.Parse("203.0.113.7"))
            .Add(Cidr.Parse("2001:db8::/48")).Build();
        var sets = new HashSet<string>(StringComparer.Ordinal) { "fa_evil_v4", "f_evil_v4" };
        var script = new StringBuilder();

        NftFeedSets.AppendReplace(script, NftablesBackend.Table, FeedSetName.FromFeedName("evil"), entries, sets);

        Assert.Equal(
            "add set inet rustids f_evil_v4 { type ipv4_addr; flags interval; }\n" +
            "flush set inet rustids f_evil_v4\n" +
            "add element inet rustids f_evil_v4 { 198.51.100.0/24 }\n" +
            "delete set inet rustids fa_evil_v4\n" +
            "add set inet rustids fa_evil_v4 { type ipv4_addr; size 64; }\n" +
            "add element inet rustids fa_evil_v4 { 192.0.2.1, 203.0.113.7 }\n" +
            "add set inet rustids f_evil_v6 { type ipv6_addr; flags interval; }\n" +
            "flush set inet rustids f_evil_v6\n" +
            "add element inet rustids f_evil_v6 { 2001:db8::/48 }\n" +
            "add set inet rustids fa_evil_v6 { type ipv6_addr; size 64; }\n",
            script.ToString());
        Assert.Equal(["f_evil_v4", "fa_evil_v4", "f_evil_v6", "fa_evil_v6"], NftFeedSets.SetsOf(FeedSetName.FromFeedName("evil"), sets));
    }

    [Theory]
    [InlineData("0.0.0.0/1")]
    [InlineData("0.0.0.1")]
    [InlineData("10.20.30.0/23")]
    [InlineData("255.255.255.255")]
    [InlineData("2001:db8::5")]
    [InlineData("2001:db8:1::/48")]
    public void AppendReplace_AnyTarget_WrittenAsFirewallTargetFormats(string text)
    {
        var target = Cidr.Parse(text);
        var script = new StringBuilder();

        NftFeedSets.AppendReplace(script, NftablesBackend.Table, FeedSetName.FromFeedName("x"), new CidrSetBuilder().Add(target).Build(),
            new HashSet<string>(StringComparer.Ordinal));

        Assert.Contains("{ " + FirewallTarget.Format(target) + " }", script.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void FeedsIn_BothLayoutsAndOtherSets_EachFeedOnce()
    {
        string[] names = ["block_v4", "f_old_v4", "f_old_v6", "f_new_v4", "fa_new_v4", "f_new_v6", "fa_new_v6", "fa_only_v4", "allow_v4"];

        Assert.Equal(["old", "new", "only"], NftFeedSets.FeedsIn(names).Select(f => f.Value));
    }

    [Fact]
    public void BuildSetupScript_CustomPriority_AppearsInBothChains()
    {
        var script = NftablesBackend.BuildSetupScript(new FirewallOptions { ChainPriority = -5 }, new HashSet<string>());

        // input and forward hook at -5; output is added and deleted again (HookOutput off).
        Assert.Equal(3, script.Split("priority -5;").Length - 1);
        Assert.Contains("delete chain inet rustids output", script, StringComparison.Ordinal);
        Assert.DoesNotContain("ct state", script, StringComparison.Ordinal);
    }

    [Fact]
    public void Add_ZeroTimeout_Rejected() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => FirewallChange.Add(IpAddr.Parse("192.0.2.1"), TimeSpan.Zero));

    [Fact]
    public void TimeoutSeconds_SubSecond_RoundsUpToOne() =>
        Assert.Equal(1, FirewallChange.Add(IpAddr.Parse("192.0.2.1"), TimeSpan.FromMilliseconds(10)).TimeoutSeconds);

    [Fact]
    public void Add_UnspecifiedAddress_Rejected() =>
        Assert.ThrowsAny<ArgumentException>(() => FirewallChange.Add(default(IpAddr), TimeSpan.FromSeconds(1)));

    [Fact]
    public void Parse_ObjectAndStringElements_BothRead()
    {
        const string json =
            """
            {"nftables": [{"metainfo": {"version": "1.0.6"}}, {"set": {"family": "inet", "name": "block_v4", "table": "rustids",
             "type": "ipv4_addr", "handle": 1, "flags": ["timeout"],
             "elem": [{"elem": {"val": "10.0.0.1", "timeout": 300, "expires": 299}}, "10.0.0.2", {"prefix": {"addr": "10.1.0.0", "len": 16}}]}}]}
            """;
        var entries = new List<FirewallEntry>();

        NftSetJsonParser.Parse(json, FirewallAction.Block, entries);

        Assert.Equal(
        [
            new FirewallEntry(Cidr.Parse("10.0.0.1"), FirewallAction.Block, TimeSpan.FromSeconds(300), TimeSpan.FromSeconds(299)),
            new FirewallEntry(Cidr.Parse("10.0.0.2"), FirewallAction.Block, null, null),
            new FirewallEntry(Cidr.Parse("10.1.0.0/16"), FirewallAction.Block, null, null),
        ],
            entries);
    }

    [Fact]
    public void Parse_EmptySet_NoEntries()
    {
        var entries = new List<FirewallEntry>();

        NftSetJsonParser.Parse("""{"nftables": [{"metainfo": {}}, {"set": {"name": "block_v6"}}]}""", FirewallAction.RateLimit, entries);

        Assert.Empty(entries);
    }

    [Fact]
    public void Validate_BadOptions_ListsEveryProblem()
    {
        var options = new FirewallOptions { NftPath = "nft", NetworkNamespace = "-x", ChainPriority = 1000, CommandTimeout = TimeSpan.Zero };

        Assert.Equal(4, options.Validate().Count);
    }
}
