using RustIds.Packets;
using RustIds.Reputation.Feeds;

namespace RustIds.Reputation.Tests.Feeds;

[Collection(global::RustIds.Reputation.Tests.AllocationCollection.Name)]
public sealed class IpsumFormatTests
{
    private static readonly Lazy<Blocklist> Ipsum = new(() => FeedParser.ParseFile(
        FeedSnapshots.Path("stamparm-ipsum/ipsum.txt"), "ipsum", new FeedParseOptions { Format = FeedFormat.Ipsum }));

    [Theory]
    [InlineData("77.90.185.20", 10)] // line 8, the first entry
    [InlineData("2.57.122.53", 9)] // line 11
    [InlineData("49.248.197.50", 6)] // line 100
    [InlineData("135.119.96.82", 5)]
    [InlineData("82.117.126.160", 2)] // line 20 000
    [InlineData("162.251.62.103", 1)] // line 120 437, the last
    [InlineData("8.8.8.8", 0)]
    [InlineData("77.90.185.21", 1)] // line 38 152
    [InlineData("77.90.185.199", 0)]
    public void Hits_KnownLines_ReturnTheirCount(string address, int hits) =>
        Assert.Equal(hits, Ipsum.Value.Hits(IpAddr.Parse(address)));

    [Theory]
    [InlineData(3, 14217)]
    [InlineData(5, 1413)]
    [InlineData(8, 23)]
    public void Hits_AgreeWithIpsumsOwnLevelFiles(int level, int count)
    {
        // levels/N.txt is IPsum's own list of addresses seen on at least N lists: an outside oracle for the counts.
        var levelAddresses = File.ReadLines(FeedSnapshots.Path($"stamparm-ipsum/levels/{level}.txt")).Select(IpAddr.Parse).ToList();
        Assert.Equal(count, levelAddresses.Count);
        Assert.All(levelAddresses, address => Assert.True(Ipsum.Value.Hits(address) >= level, $"{address} below level {level}"));
        var atLevel = File.ReadLines(FeedSnapshots.Path("stamparm-ipsum/ipsum.txt"))
            .Where(line => !line.StartsWith('#'))
            .Count(line => Ipsum.Value.Hits(IpAddr.Parse(line.Split('\t')[0])) >= level);
        Assert.Equal(count, atLevel);
    }

    [Fact]
    public void Parse_Counts_ClampedKeptAndReported()
    {
        var text = "# IP\tnumber of (black)lists\n"
            + "198.51.100.1\t3\n"
            + "198.51.100.2\t999999999999999999999\n"
            + "198.51.100.3\n"
            + "198.51.100.4\tmany\n"
            + "198.51.100.5\t0\n"
            + "198.51.100.6\t7 trailing\n"
            + "203.0.113.0/24\t2\n"
            + "203.0.113.9\t6\n"
            + "2001:db8::1\t4 # comment\n"
            + "10.1.2.3\t9\n"
            + "bogus\t9\n";
        var list = FeedParser.Parse("ipsum", "ipsum.txt", text, new FeedParseOptions { Format = FeedFormat.Ipsum });
        Assert.Equal(
            [
                "ipsum.txt(5,14): count 'many' is not a whole number of 1 or more; counted as 1",
                "ipsum.txt(6,14): count '0' is not a whole number of 1 or more; counted as 1",
                "ipsum.txt(7,16): unexpected text 'trailing' after the count; the entry was kept",
                "ipsum.txt(11,1): '10.1.2.3' refused: overlaps 10.0.0.0/8, private use (RFC 1918)",
                "ipsum.txt(12,1): 'bogus' is not an IP address or CIDR network",
            ],
            list.Diagnostics.Select(d => d.ToString()));
        Assert.Equal(new FeedParseStats(12, 9, 1, 1), list.Stats);
        Assert.Equal(3, list.Hits(IpAddr.Parse("198.51.100.1")));
        Assert.Equal(255, list.Hits(IpAddr.Parse("198.51.100.2")));
        Assert.Equal(1, list.Hits(IpAddr.Parse("198.51.100.3")));
        Assert.Equal(1, list.Hits(IpAddr.Parse("198.51.100.4")));
        Assert.Equal(1, list.Hits(IpAddr.Parse("198.51.100.5")));
        Assert.Equal(7, list.Hits(IpAddr.Parse("198.51.100.6")));
        Assert.Equal(2, list.Hits(IpAddr.Parse("203.0.113.200")));
        Assert.Equal(6, list.Hits(IpAddr.Parse("203.0.113.9"))); // overlapping entries: the highest count wins
        Assert.Equal(4, list.Hits(IpAddr.Parse("2001:db8::1")));
        Assert.Equal(0, list.Hits(IpAddr.Parse("10.1.2.3")));
        Assert.Equal(0, list.Hits(IpAddr.Parse("198.51.100.7")));
    }

    [Fact]
    public void Hits_ListWithoutCounts_IsOneWhenListed()
    {
        var list = FeedParser.Parse("plain", "plain.txt", "198.51.100.0/24\n", new FeedParseOptions());
        Assert.Equal(1, list.Hits(IpAddr.Parse("198.51.100.9")));
        Assert.Equal(0, list.Hits(IpAddr.Parse("198.51.101.0")));
    }

    [Fact]
    public void Hits_AllocatesNothing()
    {
        var list = Ipsum.Value;
        var listed = IpAddr.Parse("162.251.62.103");
        var unlisted = IpAddr.Parse("8.8.8.8");
        var total = 0;
        var allocated = Allocations.Measure(() =>
        {
            for (var i = 0; i < 1000; i++)
                total += list.Hits(listed) + list.Hits(unlisted);
        });
        Assert.Equal(0, allocated);
        Assert.True(total > 0);
    }
}
