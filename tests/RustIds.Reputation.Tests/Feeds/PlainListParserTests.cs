using RustIds.Packets;
using RustIds.Reputation.Feeds;

namespace RustIds.Reputation.Tests.Feeds;

public sealed class PlainListParserTests
{
    [Theory]
    [InlineData("firehol/dshield.netset", 20)]
    [InlineData("et-compromised/compromised-ips.txt", 539)]
    [InlineData("feodo/ipblocklist_recommended.txt", 244)]
    [InlineData("spamhaus-drop/drop.txt", 989)]
    [InlineData("spamhaus-drop/edrop.txt", 322)]
    [InlineData("spamhaus-drop/drop_ipv6.txt", 51)]
    [InlineData("spamhaus-drop/intelmq-sample-2015/drop.txt", 2)]
    public void ParseFile_RealFeed_AcceptsEveryEntry(string relative, int entries)
    {
        var path = TestData.Feed(relative);
        var list = PlainListParser.ParseFile(path);
        Assert.Empty(list.Diagnostics);
        Assert.Equal(entries, list.Entries);
        foreach (var line in File.ReadLines(path))
        {
            var entry = line.Split('#', ';')[0].Trim();
            if (entry.Length == 0)
                continue;
            var address = IpAddr.Parse(entry.Split('/')[0]);
            Assert.True(list.Contains(address), $"{relative}: {entry} not contained");
        }
    }

    [Fact]
    public void ParseFile_FireholLevel1_RefusesNothingButListsBogons()
    {
        var list = PlainListParser.ParseFile(TestData.Feed("firehol/firehol_level1.netset.HEAD-ONLY"));
        Assert.Empty(list.Diagnostics);
        Assert.Equal(30, list.Entries);
    }

    [Fact]
    public void Parse_Garbage_CollectsDiagnosticsWithPositions()
    {
        var text = "\uFEFF# header\r\n"
            + "192.0.2.1\r\n"
            + "\r\n"
            + "  198.51.100.0/24   # trailing comment\r\n"
            + "not-an-ip\r\n"
            + "0.0.0.0/0\r\n"
            + "::/0 ; everything\n"
            + "10.0.0.0/7\n"
            + "2001:db8::/15\n"
            + "2001:db8::/32\n"
            + "203.0.113.5 extra words\n"
            + "1.2.3.4/33\n"
            + "\t\t300.1.1.1\n"
            + "; spamhaus style comment\n"
            + "203.0.113.0/24 ; SBL123";
        var list = PlainListParser.Parse("test", "test.txt", text);
        Assert.Equal(
            [
                "test.txt(5,1): 'not-an-ip' is not an IP address or CIDR network",
                "test.txt(6,1): '0.0.0.0/0' refused: prefixes shorter than /8 are too broad to block",
                "test.txt(7,1): '::/0' refused: prefixes shorter than /16 are too broad to block",
                "test.txt(8,1): '10.0.0.0/7' refused: prefixes shorter than /8 are too broad to block",
                "test.txt(9,1): '2001:db8::/15' refused: prefixes shorter than /16 are too broad to block",
                "test.txt(11,13): unexpected text 'extra words' after the entry; the entry was kept",
                "test.txt(12,1): '1.2.3.4/33' is not an IP address or CIDR network",
                "test.txt(13,3): '300.1.1.1' is not an IP address or CIDR network",
            ],
            list.Diagnostics.Select(d => d.ToString()));
        Assert.Equal(5, list.Entries);
        Assert.True(list.Contains(IpAddr.Parse("192.0.2.1")));
        Assert.True(list.Contains(IpAddr.Parse("198.51.100.77")));
        Assert.True(list.Contains(IpAddr.Parse("2001:db8:0:1::1")));
        Assert.True(list.Contains(IpAddr.Parse("203.0.113.5")));
        Assert.False(list.Contains(IpAddr.Parse("8.8.8.8")));
    }

    [Fact]
    public void Parse_Empty_GivesEmptyList()
    {
        var list = PlainListParser.Parse("empty", "empty.txt", "");
        Assert.Equal(0, list.Entries);
        Assert.Empty(list.Diagnostics);
    }
}
