using RustIds.Packets;
using RustIds.Reputation.Feeds;

namespace RustIds.Reputation.Tests.Feeds;

public sealed class CsvFormatTests
{
    private static Blocklist Parse(string text, int column = 1, char delimiter = ',', bool header = false) =>
        FeedParser.Parse("csv", "feed.csv", text, new FeedParseOptions
        {
            Format = FeedFormat.Csv,
            CsvColumn = column,
            CsvDelimiter = delimiter,
            CsvHasHeader = header,
        });

    [Fact]
    public void Parse_ColumnQuotesAndHeader()
    {
        var text = "# exported 2026-08-22\n"
            + "first_seen,dst_ip,port,malware\n"
            + "2026-08-21,198.51.100.7,443,Emotet\n"
            + "\"2026-08-21\",\"203.0.113.0/24\",\"80\",\"Qakbot, \"\"new\"\" variant\"\n"
            + "  2026-08-21 ,  192.0.2.33  ,8080, x\r\n"
            + "2026-08-21,\"  2001:db8::5 \",22,\n"
            + "2026-08-21,10.0.0.1,22,lan\n"
            + "2026-08-21,\"bad\"\"ip\",22,y\n"
            + "2026-08-21\n"
            + "2026-08-21,,22,z\n"
            + "2026-08-21,\"198.51.100.9\n"
            + "2026-08-21,\"198.51.100.10\"x,1,1\n"
            + "2026-08-21,198.51.100.11 # comment, 1\n";
        var list = Parse(text, column: 2, header: true);
        Assert.Equal(
            [
                "feed.csv(7,12): '10.0.0.1' refused: overlaps 10.0.0.0/8, private use (RFC 1918)",
                "feed.csv(8,13): 'bad\"ip' is not an IP address or CIDR network",
                "feed.csv(9,11): row has 1 field(s); column 2 is missing",
                "feed.csv(10,12): column 2 is empty",
                "feed.csv(11,12): unterminated quoted field",
                "feed.csv(12,27): 'x,1,1' follows a closing quote; expected the delimiter",
            ],
            list.Diagnostics.Select(d => d.ToString()));
        Assert.Equal(new FeedParseStats(13, 5, 5, 1), list.Stats);
        foreach (var address in new[] { "198.51.100.7", "203.0.113.200", "192.0.2.33", "2001:db8::5", "198.51.100.11" })
            Assert.True(list.Contains(IpAddr.Parse(address)), address);
        Assert.False(list.Contains(IpAddr.Parse("198.51.100.9")));
    }

    [Fact]
    public void Parse_WithoutHeader_HeaderRowIsGarbage()
    {
        var list = Parse("ip,count\n198.51.100.1,4\n");
        var diagnostic = Assert.Single(list.Diagnostics);
        Assert.Equal("feed.csv(1,1): 'ip' is not an IP address or CIDR network", diagnostic.ToString());
        Assert.Equal(1, list.Entries);
    }

    [Theory]
    [InlineData(';', "198.51.100.1;x\n203.0.113.1;y")]
    [InlineData('\t', "198.51.100.1\tx\n203.0.113.1\ty")]
    [InlineData('|', "198.51.100.1|x\n203.0.113.1|y # comment")]
    public void Parse_OtherDelimiters(char delimiter, string text)
    {
        var list = Parse(text, delimiter: delimiter);
        Assert.Empty(list.Diagnostics);
        Assert.Equal(2, list.Entries);
        Assert.True(list.Contains(IpAddr.Parse("203.0.113.1")));
    }

    [Fact]
    public void Parse_SemicolonDelimiter_IsNotAComment()
    {
        var list = Parse("note;198.51.100.1\n; not a comment here\n", column: 2, delimiter: ';');
        Assert.True(list.Contains(IpAddr.Parse("198.51.100.1")));
        // With ';' as the delimiter a leading ';' is an empty first field, so column 2 is the text after it.
        Assert.Equal(2, list.Stats.Lines);
        Assert.Equal(1, list.Stats.Garbage);
    }

    [Fact]
    public void FeedParseOptions_Validate_ListsEveryProblem()
    {
        Assert.Empty(new FeedParseOptions().Validate());
        var problems = new FeedParseOptions { CsvColumn = 0, CsvDelimiter = '"', MaxDiagnostics = -1, Format = (FeedFormat)42 }.Validate();
        Assert.Equal(4, problems.Count);
        Assert.Contains(problems, p => p.Contains("CsvColumn", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("CsvDelimiter", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("MaxDiagnostics", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("Format 42", StringComparison.Ordinal));
    }
}
