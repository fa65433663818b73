using RustIds.Packets;
using RustIds.Reputation.Addresses;
using RustIds.Reputation.Feeds;

namespace RustIds.Reputation.Tests.Feeds;

public sealed class FeedParserRefusalTests
{
    [Theory]
    [InlineData("0.0.0.0/0", "refused: prefixes shorter than /8 are too broad to block")]
    [InlineData("::/0", "refused: prefixes shorter than /16 are too broad to block")]
    [InlineData("8.0.0.0/7", "refused: prefixes shorter than /8 are too broad to block")]
    [InlineData("2a00::/15", "refused: prefixes shorter than /16 are too broad to block")]
    [InlineData("10.0.0.0/8", "refused: overlaps 10.0.0.0/8, private use (RFC 1918)")]
    [InlineData("10.255.255.255", "refused: overlaps 10.0.0.0/8, private use (RFC 1918)")]
    [InlineData("172.16.0.0/12", "refused: overlaps 172.16.0.0/12, private use (RFC 1918)")]
    [InlineData("172.31.255.255", "refused: overlaps 172.16.0.0/12, private use (RFC 1918)")]
    [InlineData("172.0.0.0/8", "refused: overlaps 172.16.0.0/12, private use (RFC 1918)")]
    [InlineData("192.168.1.1", "refused: overlaps 192.168.0.0/16, private use (RFC 1918)")]
    [InlineData("100.64.0.1", "refused: overlaps 100.64.0.0/10, shared address space (RFC 6598)")]
    [InlineData("100.127.255.255", "refused: overlaps 100.64.0.0/10, shared address space (RFC 6598)")]
    [InlineData("127.0.0.1", "refused: overlaps 127.0.0.0/8, loopback (RFC 1122)")]
    [InlineData("0.0.0.0", "refused: overlaps 0.0.0.0/8, \"this network\" (RFC 1122)")]
    [InlineData("169.254.169.254", "refused: overlaps 169.254.0.0/16, link local (RFC 3927)")]
    [InlineData("224.0.0.251", "refused: overlaps 224.0.0.0/4, multicast (RFC 5771)")]
    [InlineData("239.255.255.250", "refused: overlaps 224.0.0.0/4, multicast (RFC 5771)")]
    [InlineData("240.0.0.1", "refused: overlaps 240.0.0.0/4, reserved and limited broadcast (RFC 1112, RFC 919)")]
    [InlineData("255.255.255.255", "refused: overlaps 240.0.0.0/4, reserved and limited broadcast (RFC 1112, RFC 919)")]
    [InlineData("::1", "refused: overlaps ::1/128, loopback (RFC 4291)")]
    [InlineData("::", "refused: overlaps ::/128, unspecified (RFC 4291)")]
    [InlineData("fc00::/7", "refused: prefixes shorter than /16 are too broad to block")]
    [InlineData("fd00::/16", "refused: overlaps fc00::/7, unique local (RFC 4193)")]
    [InlineData("fd12:3456::1", "refused: overlaps fc00::/7, unique local (RFC 4193)")]
    [InlineData("fe80::1", "refused: overlaps fe80::/10, link local (RFC 4291)")]
    [InlineData("febf:ffff::1", "refused: overlaps fe80::/10, link local (RFC 4291)")]
    [InlineData("ff02::1", "refused: overlaps ff00::/8, multicast (RFC 4291)")]
    [InlineData("::ffff:8.8.8.8", "refused: overlaps ::ffff:0:0/96, IPv4-mapped (RFC 4291)")]
    [InlineData("::ffff:0:0/96", "refused: overlaps ::ffff:0:0/96, IPv4-mapped (RFC 4291)")]
    [InlineData("::/16", "refused: overlaps ::/128, unspecified (RFC 4291)")]
    public void Parse_HostileEntry_RefusedWithPositionAndReason(string entry, string reason)
    {
        var list = FeedParser.Parse("t", "t.txt", $"# header\n  {entry} ; comment\n198.51.100.1\n", new FeedParseOptions());
        var diagnostic = Assert.Single(list.Diagnostics);
        Assert.Equal(new FeedDiagnostic("t.txt", 2, 3, $"'{entry}' {reason}"), diagnostic);
        Assert.Equal(new FeedParseStats(3, 1, 0, 1), list.Stats);
        Assert.Equal(1, list.Entries);
    }

    [Theory]
    [InlineData("192.0.2.0/24")]
    [InlineData("198.51.100.0/24")]
    [InlineData("203.0.113.77")]
    [InlineData("2001:db8::/32")]
    [InlineData("11.0.0.0/8")]
    [InlineData("9.255.255.255")]
    [InlineData("100.63.255.255")]
    [InlineData("100.128.0.0/10")]
    [InlineData("172.15.255.255")]
    [InlineData("172.32.0.0/11")]
    [InlineData("169.253.255.255")]
    [InlineData("223.255.255.255")]
    [InlineData("1.0.0.0/8")]
    [InlineData("fbff:ffff::1")]
    [InlineData("fec0::/16")]
    [InlineData("::2")]
    [InlineData("64:ff9b::1.2.3.4")]
    [InlineData("2a0b:4ec0::/29")]
    public void Parse_PublicOrDocumentationEntry_Accepted(string entry)
    {
        var list = FeedParser.Parse("t", "t.txt", entry, new FeedParseOptions());
        Assert.Empty(list.Diagnostics);
        Assert.Equal(1, list.Entries);
        Assert.True(list.Contains(Cidr.TryParse(entry, out var cidr) ? cidr.Network : IpAddr.Parse("64:ff9b::102:304")));
    }

    [Fact]
    public void Parse_AllowPrivate_AcceptsReservedButStillRefusesTooBroad()
    {
        var text = "10.0.0.0/8\n192.168.1.1\nfe80::/16\n::ffff:10.0.0.1\n0.0.0.0/0\n::/0\n";
        var list = FeedParser.Parse("lab", "lab.txt", text, new FeedParseOptions { AllowPrivate = true });
        Assert.Equal([5, 6], list.Diagnostics.Select(d => d.Line));
        Assert.Equal(new FeedParseStats(6, 4, 0, 2), list.Stats);
        Assert.True(list.Contains(IpAddr.Parse("10.20.30.40")));
        Assert.True(list.Contains(IpAddr.FromV6(0, 0x0000_FFFF_0A00_0001UL)));
        Assert.False(list.Contains(IpAddr.Parse("8.8.8.8")));
    }

    [Fact]
    public void Parse_Protected_RefusesOverlapsBothWays()
    {
        var protectedSet = new CidrSetBuilder()
            .Add(Cidr.Parse("198.51.100.53/32"))
            .Add(Cidr.Parse("203.0.113.0/24"))
            .Add(Cidr.Parse("2001:db8:53::/48"))
            .Build();
        var text = "198.51.100.0/24\n198.51.100.52\n203.0.113.128/25\n2001:db8::/32\n2001:db8:54::1\n";
        var list = FeedParser.Parse("t", "t.txt", text, new FeedParseOptions { Protected = protectedSet });
        Assert.Equal(
            [
                "t.txt(1,1): '198.51.100.0/24' refused: overlaps an allowlisted (protected) network",
                "t.txt(3,1): '203.0.113.128/25' refused: overlaps an allowlisted (protected) network",
                "t.txt(4,1): '2001:db8::/32' refused: overlaps an allowlisted (protected) network",
            ],
            list.Diagnostics.Select(d => d.ToString()));
        Assert.True(list.Contains(IpAddr.Parse("198.51.100.52")));
        Assert.True(list.Contains(IpAddr.Parse("2001:db8:54::1")));
        Assert.False(list.Contains(IpAddr.Parse("198.51.100.53")));
    }

    [Fact]
    public void Parse_FireholLevel1WithItsBogons_RefusesEachWithItsLine()
    {
        // The snapshot is the real header plus the first 30 entries; the full firehol_level1 also
        // carries fullbogons (its header says so). Appending the bogon networks FireHOL publishes in
        // it puts them at known lines 64-72 after the real 63.
        var head = FeedSnapshots.Text("firehol/firehol_level1.netset.HEAD-ONLY");
        string[] bogons = ["0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12", "192.0.0.0/24", "192.168.0.0/16", "224.0.0.0/3"];
        var list = FeedParser.Parse("firehol_level1", "firehol_level1.netset", head + string.Join('\n', bogons) + "\n",
            new FeedParseOptions { Format = FeedFormat.FireHol });
        Assert.Equal(
            [(64, "0.0.0.0/8"), (65, "10.0.0.0/8"), (66, "100.64.0.0/10"), (67, "127.0.0.0/8"), (68, "169.254.0.0/16"),
             (69, "172.16.0.0/12"), (71, "192.168.0.0/16"), (72, "224.0.0.0/3")],
            list.Diagnostics.Select(d => (d.Line, d.Message.Split('\'')[1])));
        Assert.All(list.Diagnostics, d => Assert.Equal(1, d.Column));
        // 192.0.0.0/24 (IETF protocol assignments) is special-purpose but routable and not in our table: kept.
        Assert.Equal(new FeedParseStats(72, 31, 0, 8), list.Stats);
        Assert.False(list.Contains(IpAddr.Parse("10.1.1.1")));
        Assert.False(list.Contains(IpAddr.Parse("239.1.1.1")));
        Assert.True(list.Contains(IpAddr.Parse("1.10.16.1")));
    }

    [Fact]
    public void ReservedNetworks_TryFindOverlap_AgreesWithLinearScanOnRandomNetworks()
    {
        var random = new Random(11);
        for (var i = 0; i < 20_000; i++)
        {
            var cidr = i % 2 == 0
                ? new Cidr(IpAddr.FromV4((uint)random.NextInt64(0, 1L << 32)), random.Next(8, 33))
                : new Cidr(IpAddr.FromV6(i % 4 == 1 ? (ulong)random.NextInt64() << 1 : 0xFE00_0000_0000_0000UL | (ulong)random.NextInt64(), (ulong)random.NextInt64()), random.Next(16, 129));
            var expected = ReservedNetworks.Networks.Any(r => r.Network.Network.Family == cidr.Network.Family
                && (r.Network.Contains(cidr.Network) || cidr.Contains(r.Network.Network)));
            Assert.Equal(expected, ReservedNetworks.TryFindOverlap(cidr, out _, out _));
        }
    }
}
