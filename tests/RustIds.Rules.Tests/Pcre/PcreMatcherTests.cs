using RustIds.Rules.Pcre;
using static RustIds.Rules.Tests.Pcre.PcreTestHelper;

namespace RustIds.Rules.Tests.Pcre;

[Collection(AllocationCollection.Name)]
public sealed class PcreMatcherTests
{
    // "GET /index.php?id=1 HTTP/1.1\r\nHost: a\r\n\r\n" - a request line and one header.
    private static readonly byte[] Request = "GET /index.php?id=1 HTTP/1.1\r\nHost: a\r\n\r\n"u8.ToArray();

    [Fact]
    public void Match_RelativeStart_SearchesFromStartAndReportsAbsoluteEnd()
    {
        var spec = Parse("\"/^\\/index\\.php\\?id=\\d+/R\"");
        var matcher = new PcreMatcher();

        // Previous content "GET " ended at 4: ^ anchors at the relative start, as in Suricata.
        Assert.True(matcher.Match(spec, Request, 4, out int end));
        Assert.Equal(19, end);
        Assert.False(matcher.Match(spec, Request, 0, out end));
        Assert.Equal(-1, end);
    }

    [Fact]
    public void Match_AnchoredWithStartOffset_OnlyMatchesAtStart()
    {
        var spec = Parse("\"/HTTP\\/1\\.[01]/A\"");
        var matcher = new PcreMatcher();
        Assert.True(matcher.Match(spec, Request, 20, out int end));
        Assert.Equal(28, end);
        Assert.False(matcher.Match(spec, Request, 19, out _));
        Assert.False(matcher.Match(spec, Request, 0, out _));
    }

    [Fact]
    public void Match_StartAtOrPastEnd_HandledWithoutThrowing()
    {
        var spec = Parse("\"/^$/\"");
        var any = Parse("\"/a/\"");
        var matcher = new PcreMatcher();
        Assert.True(matcher.Match(spec, Request, Request.Length, out int end));
        Assert.Equal(Request.Length, end);
        Assert.False(matcher.Match(any, Request, Request.Length + 1, out _));
        Assert.False(matcher.Match(any, Request, -1, out _));
        Assert.False(matcher.Match(any, [], 0, out _));
    }

    [Fact]
    public void Match_HighBytes_MatchAsLatin1()
    {
        // A NOP sled and a short jump, as shellcode rules look for them.
        byte[] data = [0x41, 0x90, 0x90, 0x90, 0x90, 0xeb, 0xfe, 0xff];
        var spec = Parse("\"/\\x90{4}\\xeb[\\x80-\\xff]/\"");
        Assert.True(new PcreMatcher().Match(spec, data, 0, out int end));
        Assert.Equal(7, end);
    }

    [Fact]
    public void Match_DataLongerThanBuffer_SearchesOnlyTheFirstPartAndCounts()
    {
        var spec = Parse("\"/needle/\"");
        var matcher = new PcreMatcher(maxBufferBytes: 16);
        byte[] data = Bytes(new string('x', 20) + "needle");
        Assert.False(matcher.Match(spec, data, 0, out _));
        Assert.Equal(1, matcher.Truncations);
        Assert.True(matcher.Match(spec, data, 14, out int end));
        Assert.Equal(26, end);
        Assert.Equal(1, matcher.Truncations);
    }

    [Fact]
    public void Match_CatastrophicPattern_TimesOutCountedAsNoMatch()
    {
        var options = new PcreOptions { MatchTimeout = TimeSpan.FromMilliseconds(20) };
        var spec = Parse("\"/^(\\w+\\s?)*$/\"", options);
        var matcher = new PcreMatcher();
        byte[] data = Bytes(new string('a', 5000) + "!");
        bool matched = matcher.Match(spec, data, 0, out int end);
        Assert.False(matched);
        Assert.Equal(-1, end);
        Assert.Equal(1, matcher.Timeouts);

        // The matcher stays usable after a timeout.
        Assert.True(matcher.Match(Parse("\"/a+!/\""), data, 0, out end));
        Assert.Equal(data.Length, end);
        Assert.Equal(1, matcher.Timeouts);
    }

    [Fact]
    public void Match_SteadyState_AllocatesNothing()
    {
        var specs = new[]
        {
            Parse("\"/^\\/index\\.php\\?id=\\d+/R\""),
            Parse("\"/Host\\x3a\\x20[^\\r\\n]+\\r\\n/i\""),
            Parse("\"/(?P<flow_h>[a-z])\\r\\n\\r\\n$/\""),
            Parse("\"/\\bHTTP\\/1\\.[01]\\b/\""),
            Parse("\"/not-there/i\""),
        };
        int[] starts = [4, 0, 0, 0, 0];
        var matcher = new PcreMatcher();
        int matches = 0;
        for (int round = 0; round < 200; round++)
        {
            for (int i = 0; i < specs.Length; i++)
            {
                matches += matcher.Match(specs[i], Request, starts[i], out _) ? 1 : 0;
            }
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int round = 0; round < 2000; round++)
        {
            for (int i = 0; i < specs.Length; i++)
            {
                matches += matcher.Match(specs[i], Request, starts[i], out _) ? 1 : 0;
            }
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, allocated);
        Assert.Equal(2200 * 4, matches);
    }
}
