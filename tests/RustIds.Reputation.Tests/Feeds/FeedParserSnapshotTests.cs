using RustIds.Packets;
using RustIds.Reputation.Addresses;
using RustIds.Reputation.Feeds;

namespace RustIds.Reputation.Tests.Feeds;

/// <summary>
/// Every format on its real snapshot. Expected numbers were counted outside rustids: lines with
/// <c>awk 'END{print NR}'</c>, entries with <c>grep -c</c> and Python's <c>ipaddress</c> module
/// (which also found no private or reserved entry in any snapshot), listed/unlisted addresses checked
/// the same way.
/// </summary>
public sealed class FeedParserSnapshotTests
{
    [Theory]
    [InlineData("firehol/dshield.netset", FeedFormat.FireHol, 50, 20, 5120UL)]
    [InlineData("firehol/firehol_level1.netset.HEAD-ONLY", FeedFormat.FireHol, 63, 30, 114432UL)]
    [InlineData("et-compromised/compromised-ips.txt", FeedFormat.Plain, 539, 539, 539UL)]
    [InlineData("feodo/ipblocklist_recommended.txt", FeedFormat.Feodo, 254, 244, 244UL)]
    [InlineData("tor-exit/tor-exit.txt", FeedFormat.TorExit, 3251, 3251, 1372UL)]
    [InlineData("spamhaus-drop/drop.txt", FeedFormat.SpamhausDrop, 989, 989, 15365120UL)]
    [InlineData("spamhaus-drop/edrop.txt", FeedFormat.SpamhausDrop, 322, 322, 644352UL)]
    [InlineData("spamhaus-drop/drop_ipv6.txt", FeedFormat.SpamhausDrop, 51, 51, 0UL)]
    [InlineData("spamhaus-drop/intelmq-sample-2015/drop.txt", FeedFormat.SpamhausDrop, 6, 2, 32768UL)]
    [InlineData("spamhaus-drop-json/drop_v4.json", FeedFormat.SpamhausJson, 1671, 1670, 14904576UL)]
    [InlineData("stamparm-ipsum/ipsum.txt", FeedFormat.Ipsum, 120437, 120430, 120430UL)]
    [InlineData("stamparm-ipsum/levels/3.txt", FeedFormat.Ipsum, 14217, 14217, 14217UL)]
    [InlineData("stamparm-ipsum/levels/5.txt", FeedFormat.Plain, 1413, 1413, 1413UL)]
    [InlineData("stamparm-ipsum/levels/8.txt", FeedFormat.Plain, 23, 23, 23UL)]
    [InlineData("dshield/block.txt", FeedFormat.DShield, 39, 2, 512UL)]
    public void ParseFile_Snapshot_ExactCounts(string relative, FeedFormat format, int lines, int entries, ulong v4Addresses)
    {
        var list = FeedParser.ParseFile(FeedSnapshots.Path(relative), "snapshot", new FeedParseOptions { Format = format });
        Assert.Empty(list.Diagnostics);
        Assert.Equal(0, list.DiagnosticCount);
        Assert.Equal(new FeedParseStats(lines, entries, 0, 0), list.Stats);
        Assert.Equal(entries, list.Entries);
        Assert.Equal(v4Addresses, list.Set.V4AddressCount);
        Assert.True(list.MemoryBytes > 0);
    }

    [Theory]
    [InlineData("spamhaus-drop-json/drop_v4.json", FeedFormat.SpamhausJson, "1.10.16.1 1.10.31.255 223.254.255.255", "1.10.32.0 1.10.15.255 8.8.8.8")]
    [InlineData("spamhaus-drop/drop.txt", FeedFormat.SpamhausDrop, "1.10.16.0 1.19.255.255", "1.20.0.0 8.8.8.8")]
    [InlineData("spamhaus-drop/drop_ipv6.txt", FeedFormat.SpamhausDrop, "2a06:e480::1 2a12:2640::", "2001:4860:4860::8888 1.10.16.0")]
    [InlineData("spamhaus-drop/intelmq-sample-2015/drop.txt", FeedFormat.SpamhausDrop, "1.4.0.1 1.4.127.255", "1.4.128.0")]
    [InlineData("feodo/ipblocklist_recommended.txt", FeedFormat.Feodo, "8.8.8.8 97.107.134.115 100.38.242.113", "8.8.4.4")]
    [InlineData("tor-exit/tor-exit.txt", FeedFormat.TorExit, "171.25.193.25 185.220.101.44 185.220.101.45", "1.1.1.1 185.220.101.250")]
    [InlineData("et-compromised/compromised-ips.txt", FeedFormat.Plain, "101.100.216.61", "1.1.1.1 101.100.216.62")]
    [InlineData("firehol/dshield.netset", FeedFormat.FireHol, "45.148.10.77 64.62.156.255", "45.148.11.0 64.62.157.0")]
    [InlineData("dshield/block.txt", FeedFormat.DShield, "43.229.53.0 43.229.53.255 194.63.140.128", "43.229.54.0 194.63.141.0 43.229.52.255")]
    public void ParseFile_Snapshot_KnownAddresses(string relative, FeedFormat format, string listed, string unlisted)
    {
        var list = FeedParser.ParseFile(FeedSnapshots.Path(relative), "snapshot", new FeedParseOptions { Format = format });
        foreach (var address in listed.Split(' '))
            Assert.True(list.Contains(IpAddr.Parse(address)), address + " should be listed");
        foreach (var address in unlisted.Split(' '))
        {
            Assert.False(list.Contains(IpAddr.Parse(address)), address + " should not be listed");
            Assert.Equal(0, list.Hits(IpAddr.Parse(address)));
        }
    }

    [Fact]
    public void ParseFile_SpamhausJson_EveryCidrOfTheFileIsListed()
    {
        var list = FeedParser.ParseFile(FeedSnapshots.Path("spamhaus-drop-json/drop_v4.json"), "drop", new FeedParseOptions { Format = FeedFormat.SpamhausJson });
        var cidrs = File.ReadLines(FeedSnapshots.Path("spamhaus-drop-json/drop_v4.json"))
            .Where(line => line.StartsWith("{\"cidr\":\"", StringComparison.Ordinal))
            .Select(line => Cidr.Parse(line.Split('"')[3]))
            .ToList();
        Assert.Equal(1670, cidrs.Count);
        foreach (var cidr in cidrs)
        {
            Assert.True(list.Set.Overlaps(cidr));
            Assert.True(list.Contains(cidr.Network));
        }
    }

    [Fact]
    public void ParseFile_AsnDrop_EveryLineReportedAsNotAnAddressEntry()
    {
        var list = FeedParser.ParseFile(FeedSnapshots.Path("spamhaus-drop/asn_drop.json"), "asn-drop",
            new FeedParseOptions { Format = FeedFormat.SpamhausJson });
        Assert.Equal(0, list.Entries);
        // 201 "asn" lines, each reported once; the metadata's "records":201 matches, so no mismatch diagnostic.
        Assert.Equal(new FeedParseStats(202, 0, 201, 0), list.Stats);
        Assert.Equal(201, list.DiagnosticCount);
        Assert.Equal(100, list.Diagnostics.Count);
        Assert.Equal(Enumerable.Range(1, 100), list.Diagnostics.Select(d => d.Line));
        Assert.All(list.Diagnostics, d => Assert.Equal("not an address entry: the object has no \"cidr\"", d.Message));
    }

    [Fact]
    public void ParseFile_SpamhausDropAsPlain_SameAsSpamhausDrop()
    {
        // The mirror's trailing-space variant and the original "CIDR ; SBLnnn" both read as plain lines.
        foreach (var relative in new[] { "spamhaus-drop/drop.txt", "spamhaus-drop/intelmq-sample-2015/drop.txt" })
        {
            var text = FeedSnapshots.Text(relative);
            var plain = FeedParser.Parse("a", relative, text, new FeedParseOptions());
            var drop = FeedParser.Parse("b", relative, text, new FeedParseOptions { Format = FeedFormat.SpamhausDrop });
            Assert.Equal(drop.Set.ToCidrs(), plain.Set.ToCidrs());
        }
    }

    [Fact]
    public void ParseFile_Feodo_ProtectedGoogleDnsRefusedWithItsPosition()
    {
        var protectedSet = new CidrSetBuilder().Add(Cidr.Parse("8.8.8.8/32")).Add(Cidr.Parse("1.1.1.1/32")).Build();
        var list = FeedParser.ParseFile(FeedSnapshots.Path("feodo/ipblocklist_recommended.txt"), "feodo",
            new FeedParseOptions { Format = FeedFormat.Feodo, Protected = protectedSet });
        var diagnostic = Assert.Single(list.Diagnostics);
        Assert.Equal(FeedSnapshots.Path("feodo/ipblocklist_recommended.txt") + "(10,1): '8.8.8.8' refused: overlaps an allowlisted (protected) network",
            diagnostic.ToString());
        Assert.Equal(new FeedParseStats(254, 243, 0, 1), list.Stats);
        Assert.False(list.Contains(IpAddr.Parse("8.8.8.8")));
        Assert.True(list.Contains(IpAddr.Parse("97.107.134.115")));
    }

    [Fact]
    public void ParseFile_FireholLevel1Head_HasNoBogonsInItsFirst30Entries()
    {
        // SOURCES.md: the snapshot holds the header and the first 30 of 4 523 entries, all public
        // (1.10.16.0/20 … 23.137.100.0/24); the full list's bogons are not in it. See
        // FeedParserRefusalTests.Parse_FireholLevel1WithItsBogons_RefusesEachWithItsLine for them.
        var list = FeedParser.ParseFile(FeedSnapshots.Path("firehol/firehol_level1.netset.HEAD-ONLY"), "level1",
            new FeedParseOptions { Format = FeedFormat.FireHol });
        Assert.Equal(0, list.Stats.Refused);
        Assert.True(list.Contains(IpAddr.Parse("1.10.16.1")));
        Assert.False(list.Contains(IpAddr.Parse("10.0.0.1")));
    }

    [Fact]
    public void ParseFile_Missing_ThrowsIOException()
    {
        Assert.Throws<FileNotFoundException>(() => FeedParser.ParseFile(FeedSnapshots.Path("no-such-feed.txt"), "x", new FeedParseOptions()));
        Assert.Throws<DirectoryNotFoundException>(() => FeedParser.ParseFile("/nonexistent-dir/feed.txt", "x", new FeedParseOptions()));
        Assert.ThrowsAny<IOException>(() => FeedParser.ParseFile(FeedSnapshots.Path("firehol"), "x", new FeedParseOptions()));
    }

    [Fact]
    public void PlainListParser_StillReadsFeedsAsBefore()
    {
        var list = PlainListParser.ParseFile(FeedSnapshots.Path("feodo/ipblocklist_recommended.txt"));
        Assert.Equal("ipblocklist_recommended", list.Name);
        Assert.Equal(244, list.Entries);
        Assert.Empty(list.Diagnostics);
    }
}
