using RustIds.Packets;
using RustIds.Reputation.Feeds;

namespace RustIds.Reputation.Tests.Feeds;

public sealed class SpamhausJsonFormatTests
{
    private static readonly FeedParseOptions Json = new() { Format = FeedFormat.SpamhausJson };

    [Fact]
    public void Parse_TruncatedDownload_MetadataMismatchReported()
    {
        // The real file with 100 records cut out of the middle: the metadata still says 1670.
        var lines = File.ReadAllLines(FeedSnapshots.Path("spamhaus-drop-json/drop_v4.json"));
        var truncated = string.Join('\n', lines.Take(500).Concat(lines.Skip(600)));
        var list = FeedParser.Parse("drop", "drop_v4.json", truncated, Json);
        var diagnostic = Assert.Single(list.Diagnostics);
        Assert.Equal(1571, diagnostic.Line);
        Assert.Equal(lines[^1].IndexOf("1670", StringComparison.Ordinal) + 1, diagnostic.Column);
        Assert.Equal("metadata says 1670 records but 1570 were read: the download may be truncated", diagnostic.Message);
        Assert.Equal(new FeedParseStats(1571, 1570, 0, 0), list.Stats);
    }

    [Fact]
    public void Parse_CutOffMidLine_GarbageAndMissingMetadataReported()
    {
        var text = FeedSnapshots.Text("spamhaus-drop-json/drop_v4.json")[..5000];
        var list = FeedParser.Parse("drop", "drop_v4.json", text, Json);
        var lastLine = text.Split('\n').Length;
        Assert.Equal(2, list.DiagnosticCount);
        Assert.Equal(lastLine, list.Diagnostics[0].Line);
        Assert.EndsWith("is not valid JSON", list.Diagnostics[0].Message, StringComparison.Ordinal);
        Assert.Equal(new FeedDiagnostic("drop_v4.json", lastLine, 1, $"no metadata line after {lastLine - 1} records: the download may be truncated"), list.Diagnostics[1]);
        Assert.Equal(lastLine - 1, list.Entries);
    }

    [Fact]
    public void Parse_Lines_PositionsOfEachProblem()
    {
        var text = "\uFEFF{\"cidr\":\"198.51.100.0/24\",\"sblid\":\"SBL1\",\"rir\":\"arin\"}\r\n"
            + "  {\"sblid\":\"SBL2\", \"cidr\": \"10.0.0.0/8\"}\r\n"
            + "{\"cidr\":\"nonsense\"}\n"
            + "{\"cidr\":42}\n"
            + "[1,2]\n"
            + "{\"cidr\":\"203.0.113.0/24\",\"extra\":{\"nested\":[1,{\"cidr\":\"1.2.3.4\"}]}} # trailing comment\n"
            + "{\"cidr\":\"2001:db8::/32\"} junk\n"
            + "{\"cidr\":\"192.0.2.0/24\",}\n"
            + "# a comment line\n"
            + "{\"asn\":64496,\"rir\":\"arin\"}\n"
            + "{\"c\\u0069dr\":\"192.0.2.128/25\"}\n"
            + "{\"type\":\"metadata\",\"timestamp\":1784798042,\"size\":101866,\"records\":9,\"copyright\":\"(c) ; # not comments\"}";
        var list = FeedParser.Parse("j", "j.json", text, Json);
        Assert.Equal(
            [
                "j.json(2,29): '10.0.0.0/8' refused: overlaps 10.0.0.0/8, private use (RFC 1918)",
                "j.json(3,10): 'nonsense' is not an IP address or CIDR network",
                "j.json(4,9): \"cidr\" is not a short string",
                "j.json(5,1): '[1,2]' is not a JSON object",
                "j.json(7,26): unexpected text 'junk' after the JSON object; the entry was kept",
                "j.json(8,24): '}' is not valid JSON",
                "j.json(10,1): not an address entry: the object has no \"cidr\"",
                "j.json(12,67): metadata says 9 records but 8 were read: the download may be truncated",
            ],
            list.Diagnostics.Select(d => d.ToString()));
        // Records read: lines 1, 2, 3, 4, 6, 7, 10, 11 = 8 (line 5 is no object, 8 is broken JSON) against "records":9.
        Assert.Equal(new FeedParseStats(12, 4, 5, 1), list.Stats);
        Assert.True(list.Contains(IpAddr.Parse("198.51.100.1")));
        Assert.True(list.Contains(IpAddr.Parse("203.0.113.1")));
        Assert.True(list.Contains(IpAddr.Parse("192.0.2.129")));
        Assert.False(list.Contains(IpAddr.Parse("1.2.3.4")));
        Assert.True(list.Contains(IpAddr.Parse("2001:db8::1")));
    }

    [Fact]
    public void Parse_MetadataCountMatches_NoDiagnostic()
    {
        var text = "{\"cidr\":\"198.51.100.0/24\"}\n{\"cidr\":\"10.0.0.0/8\"}\n{\"type\":\"metadata\",\"records\":2}\n";
        var list = FeedParser.Parse("j", "j.json", text, Json);
        // The refused record was still read: the count checks the download, not what we accept.
        Assert.Equal(1, list.DiagnosticCount);
        Assert.Equal(new FeedParseStats(3, 1, 0, 1), list.Stats);
    }
}
