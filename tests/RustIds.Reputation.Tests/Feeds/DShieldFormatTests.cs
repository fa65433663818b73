using RustIds.Packets;
using RustIds.Reputation.Feeds;

namespace RustIds.Reputation.Tests.Feeds;

public sealed class DShieldFormatTests
{
    private static readonly FeedParseOptions DShield = new() { Format = FeedFormat.DShield };

    [Fact]
    public void ParseFile_Snapshot_HeaderRowIsNotGarbageAndRowsAreSlash24s()
    {
        var list = FeedParser.ParseFile(FeedSnapshots.Path("dshield/block.txt"), "dshield", DShield);
        Assert.Equal(0, list.DiagnosticCount);
        Assert.Equal(["43.229.53.0/24", "194.63.140.0/24"], list.Set.ToCidrs().Select(c => c.ToString()));
    }

    [Fact]
    public void ParseFile_SnapshotAsPlain_HeaderAndRowsWouldBeMisread()
    {
        // The reason DShield needs its own format: read as a plain list, the header row is garbage
        // and each row keeps only its start address.
        var list = FeedParser.ParseFile(FeedSnapshots.Path("dshield/block.txt"), "dshield", new FeedParseOptions());
        Assert.Equal(1, list.Stats.Garbage);
        Assert.False(list.Contains(IpAddr.Parse("43.229.53.1")));
    }

    [Fact]
    public void Parse_RangesNetblocksAndProblems()
    {
        var text = "Start\tEnd\tNetblock\tAttacks\tName\tCountry\temail\n"
            + "198.51.100.0\t198.51.100.255\t24\t10\tExample\tUS\tabuse@example.net\n"
            + "203.0.113.0\t203.0.113.130\t\t5\tRange only\t\t\n"
            + "192.0.2.0\t192.0.2.127\t24\t1\tMismatch\t\t\n"
            + "10.0.0.0\t10.0.0.255\t24\t99\tLAN\t\t\n"
            + "9.255.255.0\t10.0.0.255\t\t99\tCrossesIntoLAN\t\t\n"
            + "garbage\t1.2.3.4\t24\n"
            + "198.51.100.9\tnope\n"
            + "198.51.100.200\t198.51.100.100\t\t1\n"
            + "2001:db8::\t2001:db8::ffff\t\t1\n"
            + "11.0.0.0 11.0.0.255 24 7 Spaces XX x@y\n"
            + "# END\n";
        var list = FeedParser.Parse("d", "block.txt", text, DShield);
        Assert.Equal(
            [
                "block.txt(4,11): end '192.0.2.127' does not match /24; used 192.0.2.0/24",
                "block.txt(5,1): '10.0.0.0/24' refused: overlaps 10.0.0.0/8, private use (RFC 1918)",
                "block.txt(6,1): '9.255.255.0-10.0.0.255' refused: overlaps 10.0.0.0/8, private use (RFC 1918)",
                "block.txt(7,1): 'garbage' is not a start address",
                "block.txt(8,14): 'nope' is neither a netblock length nor an end address of the start's family",
                "block.txt(9,1): '198.51.100.200-198.51.100.100' ends before it starts",
            ],
            list.Diagnostics.Select(d => d.ToString()));
        // 203.0.113.0-130 is 203.0.113.0/25 + 203.0.113.128/31 + 203.0.113.130/32.
        Assert.Equal(
            ["11.0.0.0/24", "192.0.2.0/24", "198.51.100.0/24", "203.0.113.0/25", "203.0.113.128/31", "203.0.113.130/32", "2001:db8::/112"],
            list.Set.ToCidrs().Select(c => c.ToString()));
        Assert.Equal(new FeedParseStats(12, 7, 3, 2), list.Stats);
        Assert.False(list.Contains(IpAddr.Parse("9.255.255.1")));
        Assert.False(list.Contains(IpAddr.Parse("203.0.113.131")));
    }
}
