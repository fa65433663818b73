using RustIds.Packets;
using RustIds.Reputation.Feeds;

namespace RustIds.Reputation.Tests.Feeds;

/// <summary>What every format shares: line endings, BOM, comments, garbage positions, the diagnostic cap.</summary>
public sealed class FeedParserLineTests
{
    public static TheoryData<FeedFormat> LineFormats => [FeedFormat.Plain, FeedFormat.SpamhausDrop, FeedFormat.FireHol, FeedFormat.Feodo, FeedFormat.TorExit, FeedFormat.Ipsum];

    [Theory]
    [MemberData(nameof(LineFormats))]
    public void Parse_CrlfBomCommentsNoFinalNewline_SameEntriesEverywhere(FeedFormat format)
    {
        var lines = new[] { "# header", "", "198.51.100.1 # trailing", "; spamhaus comment", "  2001:db8::/48 ; SBL1", "\t203.0.113.0/24", "192.0.2.9" };
        var lf = string.Join('\n', lines) + "\n";
        var crlfBomNoFinal = "\uFEFF" + string.Join("\r\n", lines);
        var a = FeedParser.Parse("a", "a", lf, new FeedParseOptions { Format = format });
        var b = FeedParser.Parse("b", "b", crlfBomNoFinal, new FeedParseOptions { Format = format });
        Assert.Empty(a.Diagnostics);
        Assert.Empty(b.Diagnostics);
        Assert.Equal(new FeedParseStats(7, 4, 0, 0), a.Stats);
        Assert.Equal(a.Stats, b.Stats);
        Assert.Equal(a.Set.ToCidrs(), b.Set.ToCidrs());
        Assert.True(b.Contains(IpAddr.Parse("192.0.2.9")));
        Assert.True(b.Contains(IpAddr.Parse("2001:db8:0:ffff::1")));
    }

    [Fact]
    public void Parse_Garbage_ReportedWithLineAndColumn()
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
            + "   010.1.1.1\n"
            + "1.2.3\n"
            + "fe80::1%eth0\n"
            + "203.0.113.0/24 ; SBL123";
        var list = FeedParser.Parse("test", "test.txt", text, new FeedParseOptions());
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
                "test.txt(15,4): '010.1.1.1' is not an IP address or CIDR network",
                "test.txt(16,1): '1.2.3' is not an IP address or CIDR network",
                "test.txt(17,1): 'fe80::1%eth0' is not an IP address or CIDR network",
            ],
            list.Diagnostics.Select(d => d.ToString()));
        Assert.Equal(new FeedParseStats(18, 5, 6, 4), list.Stats);
        Assert.Equal(11, list.DiagnosticCount);
    }

    [Fact]
    public void Parse_ManyBadLines_KeepsMaxDiagnosticsButCountsAll()
    {
        var text = string.Concat(Enumerable.Range(0, 5000).Select(i => i % 2 == 0 ? "garbage\n" : "10.0.0.1\n")) + "198.51.100.1";
        var list = FeedParser.Parse("t", "t.txt", text, new FeedParseOptions { MaxDiagnostics = 7 });
        Assert.Equal(7, list.Diagnostics.Count);
        Assert.Equal(5000, list.DiagnosticCount);
        Assert.Equal(new FeedParseStats(5001, 1, 2500, 2500), list.Stats);
        Assert.Equal([1, 2, 3, 4, 5, 6, 7], list.Diagnostics.Select(d => d.Line));

        var none = FeedParser.Parse("t", "t.txt", text, new FeedParseOptions { MaxDiagnostics = 0 });
        Assert.Empty(none.Diagnostics);
        Assert.Equal(5000, none.DiagnosticCount);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\uFEFF")]
    [InlineData("\n\n\n")]
    [InlineData("# only a comment")]
    [InlineData("\r\n")]
    public void Parse_NothingInIt_EmptyListNoDiagnostics(string text)
    {
        foreach (var format in Enum.GetValues<FeedFormat>())
        {
            var list = FeedParser.Parse("e", "e", text, new FeedParseOptions { Format = format });
            Assert.Equal(0, list.Entries);
            Assert.Equal(0, list.DiagnosticCount);
        }
    }

    [Fact]
    public void Parse_RandomBytes_NeverThrowInAnyFormat()
    {
        var random = new Random(3);
        const string alphabet = "0123456789abcdef.:/ \t\r\n#;,\"{}[]-\uFEFFcidrtypemetadatarecordsStart";
        foreach (var format in Enum.GetValues<FeedFormat>())
        {
            for (var i = 0; i < 300; i++)
            {
                var chars = new char[random.Next(0, 200)];
                for (var j = 0; j < chars.Length; j++)
                    chars[j] = random.Next(20) == 0 ? (char)random.Next(0, 0xD800) : alphabet[random.Next(alphabet.Length)];
                var list = FeedParser.Parse("r", "r", new string(chars), new FeedParseOptions { Format = format, CsvColumn = 1 + (i % 3) });
                Assert.True(list.Stats.Accepted + list.Stats.Garbage + list.Stats.Refused <= Math.Max(list.Stats.Lines * 64, 0));
                Assert.All(list.Diagnostics, d => Assert.InRange(d.Line, 1, list.Stats.Lines + 1));
            }
        }
    }

    [Fact]
    public void Parse_InvalidOptions_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => FeedParser.Parse("x", "x", "", new FeedParseOptions { CsvColumn = 0 }));
        Assert.Contains("CsvColumn", error.Message, StringComparison.Ordinal);
    }
}
