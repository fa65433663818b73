using System.Text;

namespace RustIds.Packets.AppLayer.Ssh.Tests;

public sealed class SshLimitTests
{
    private readonly SshCounters _counters = new();
    private readonly SshRecorder _recorder = new();

    [Fact]
    public void Parse_LineOf255BytesWithCrLf_NotTruncated()
    {
        var line = "SSH-2.0-" + new string('a', 255 - 8);
        var parser = new SshParser(SshParserOptions.Default, _counters);

        parser.Parse(FlowDirection.ToServer, Encoding.ASCII.GetBytes(line + "\r\n"), _recorder);

        var banner = Assert.Single(_recorder.Banners);
        Assert.False(banner.Truncated);
        Assert.Equal(line, banner.Line);
        Assert.Equal(0, _counters.TruncatedBanners);
    }

    [Fact]
    public void Parse_LongerLine_DeliveredCutBeforeItsLineFeed()
    {
        var parser = new SshParser(SshParserOptions.Default, _counters);

        parser.Parse(FlowDirection.ToServer, Encoding.ASCII.GetBytes("SSH-2.0-" + new string('b', 400)), _recorder);

        var banner = Assert.Single(_recorder.Banners);
        Assert.True(banner.Truncated);
        Assert.Equal(255, banner.Line.Length);
        Assert.Equal(247, banner.Software.Length);
        Assert.Equal(1, _counters.TruncatedBanners);
        Assert.True(parser.IsDone(FlowDirection.ToServer));
    }

    [Fact]
    public void Parse_TooManyServerLines_Stops()
    {
        var parser = new SshParser(new SshParserOptions { MaxPreBannerLines = 3 }, _counters);

        parser.Parse(FlowDirection.ToClient, "a\nb\nc\nd\nSSH-2.0-x\r\n"u8, _recorder);

        Assert.Empty(_recorder.Banners);
        Assert.Equal(1, _counters.PreBannerLimitExceeded);
        Assert.True(parser.IsDone(FlowDirection.ToClient));
    }

    [Fact]
    public void Parse_EndlessServerLineWithoutLineFeed_StopsAtByteLimit()
    {
        var parser = new SshParser(new SshParserOptions { MaxPreBannerBytes = 1000 }, _counters);
        var chunk = new byte[100];
        chunk.AsSpan().Fill((byte)'x');

        for (var i = 0; i < 10; i++)
            parser.Parse(FlowDirection.ToClient, chunk, _recorder);
        Assert.False(parser.IsDone(FlowDirection.ToClient));
        parser.Parse(FlowDirection.ToClient, chunk.AsSpan(0, 1), _recorder);

        Assert.True(parser.IsDone(FlowDirection.ToClient));
        Assert.Equal(1, _counters.PreBannerLimitExceeded);
    }

    [Fact]
    public void OnGap_BeforeBanner_StopsAndCounts_AfterBanner_Ignored()
    {
        var parser = new SshParser(SshParserOptions.Default, _counters);
        parser.Parse(FlowDirection.ToServer, "SSH-2.0-a\r\n"u8, _recorder);
        parser.Parse(FlowDirection.ToClient, "SSH-2."u8, _recorder);

        parser.OnGap(FlowDirection.ToServer);
        parser.OnGap(FlowDirection.ToClient);
        parser.Parse(FlowDirection.ToClient, "0-b\r\n"u8, _recorder);

        Assert.Single(_recorder.Banners);
        Assert.Equal(1, _counters.Gaps);
        Assert.True(parser.IsFinished);
    }

    [Fact]
    public void Reset_AfterBothBanners_ParsesNextFlow()
    {
        var parser = new SshParser(SshParserOptions.Default, _counters);
        parser.Parse(FlowDirection.ToServer, "SSH-2.0-first\r\n"u8, _recorder);

        parser.Reset();
        parser.Parse(FlowDirection.ToServer, "SSH-2.0-second\r\n"u8, _recorder);

        Assert.Equal(["first", "second"], _recorder.Banners.Select(b => b.Software));
    }

    [Fact]
    public void Parse_UnknownDirection_CountedAndIgnored()
    {
        var parser = new SshParser(SshParserOptions.Default, _counters);

        parser.Parse(FlowDirection.Unknown, "SSH-2.0-x\r\n"u8, _recorder);

        Assert.Empty(_recorder.Banners);
        Assert.Equal(1, _counters.UnknownDirection);
        Assert.True(parser.IsDone(FlowDirection.Unknown));
    }

    [Fact]
    public void Validate_OutOfRangeSettings_AllListed()
    {
        var problems = new SshParserOptions { MaxLineBytes = 4, MaxPreBannerLines = -1, MaxPreBannerBytes = -1 }.Validate();

        Assert.Equal(3, problems.Count);
        Assert.Empty(SshParserOptions.Default.Validate());
    }

    [Theory]
    [InlineData("", ProbeResult.NeedMoreData)]
    [InlineData("S", ProbeResult.NeedMoreData)]
    [InlineData("SSH-", ProbeResult.NeedMoreData)]
    [InlineData("SSH-2", ProbeResult.Match)]
    [InlineData("SSH-1.99-x", ProbeResult.Match)]
    [InlineData("SSH-x", ProbeResult.NoMatch)]
    [InlineData("SSX", ProbeResult.NoMatch)]
    [InlineData("GET / HTTP/1.1", ProbeResult.NoMatch)]
    public void Probe_FirstBytes_Result(string text, ProbeResult expected) =>
        Assert.Equal(expected, SshProbe.Probe(Encoding.ASCII.GetBytes(text)));
}
