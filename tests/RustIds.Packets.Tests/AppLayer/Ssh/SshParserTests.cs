using System.Text;

namespace RustIds.Packets.AppLayer.Ssh.Tests;

public sealed class SshParserTests
{
    // Client identification line of Ubuntu 22.04's OpenSSH: "SSH-" protoversion "-" softwareversion SP comments CR LF.
    private static readonly byte[] ClientBanner = "SSH-2.0-OpenSSH_8.9p1 Ubuntu-3ubuntu0.1\r\n"u8.ToArray();

    // Server line followed by the start of a binary packet (packet_length 0x0000027c, padding 10, SSH_MSG_KEXINIT 20).
    private static readonly byte[] ServerBanner = [.. "SSH-2.0-OpenSSH_9.6\r\n"u8, 0x00, 0x00, 0x02, 0x7C, 0x0A, 0x14, 0xDE, 0xAD];

    private readonly SshCounters _counters = new();
    private readonly SshRecorder _recorder = new();

    [Fact]
    public void Parse_OpenSshBanners_FieldsSplit()
    {
        var parser = new SshParser(SshParserOptions.Default, _counters);

        parser.Parse(FlowDirection.ToServer, ClientBanner, _recorder);
        parser.Parse(FlowDirection.ToClient, ServerBanner, _recorder);

        Assert.Equal(2, _recorder.Banners.Count);
        Assert.Equal((FlowDirection.ToServer, "2.0", "OpenSSH_8.9p1", "Ubuntu-3ubuntu0.1", false, "SSH-2.0-OpenSSH_8.9p1 Ubuntu-3ubuntu0.1"), _recorder.Banners[0]);
        Assert.Equal((FlowDirection.ToClient, "2.0", "OpenSSH_9.6", null, false, "SSH-2.0-OpenSSH_9.6"), _recorder.Banners[1]);
        Assert.True(parser.IsFinished);
        Assert.True(parser.BannerOf(FlowDirection.ToServer)!.IsVersion2);
        Assert.Equal(1, _counters.ClientBanners);
        Assert.Equal(1, _counters.ServerBanners);
        Assert.Equal(0, _counters.Errors);
    }

    [Fact]
    public void Parse_ServerLinesBeforeBanner_SkippedAndCounted()
    {
        var parser = new SshParser(SshParserOptions.Default, _counters);

        parser.Parse(FlowDirection.ToClient, "Authorized use only\r\n\r\nSSH-1.99-Cisco-1.25\r\n"u8, _recorder);

        var banner = Assert.Single(_recorder.Banners);
        Assert.Equal("1.99", banner.Proto);
        Assert.Equal("Cisco-1.25", banner.Software);
        Assert.True(parser.BannerOf(FlowDirection.ToClient)!.IsVersion2);
        Assert.Equal(2, _counters.PreBannerLines);
    }

    [Fact]
    public void Parse_EverySplitPointAndSingleBytes_SameBanners()
    {
        byte[] server = [.. "Welcome\r\n"u8, .. ServerBanner];
        for (var split = 0; split <= server.Length; split++)
        {
            var recorder = new SshRecorder();
            var parser = new SshParser(SshParserOptions.Default, _counters);
            parser.Parse(FlowDirection.ToServer, ClientBanner.AsSpan(0, Math.Min(split, ClientBanner.Length)), recorder);
            parser.Parse(FlowDirection.ToClient, server.AsSpan(0, split), recorder);
            parser.Parse(FlowDirection.ToServer, ClientBanner.AsSpan(Math.Min(split, ClientBanner.Length)), recorder);
            parser.Parse(FlowDirection.ToClient, server.AsSpan(split), recorder);
            Assert.Equal(2, recorder.Banners.Count);
            Assert.Contains(recorder.Banners, b => b.Software == "OpenSSH_9.6");
            Assert.Contains(recorder.Banners, b => b.Comments == "Ubuntu-3ubuntu0.1");
        }

        var single = new SshParser(SshParserOptions.Default, _counters);
        foreach (var b in ClientBanner)
            single.Parse(FlowDirection.ToServer, [b], _recorder);
        Assert.Equal("SSH-2.0-OpenSSH_8.9p1 Ubuntu-3ubuntu0.1", Assert.Single(_recorder.Banners).Line);
        Assert.Equal(0, _counters.Errors);
    }

    [Theory]
    [InlineData("SSH-2.0-PuTTY_Release_0.78\n", "2.0", "PuTTY_Release_0.78", null)]
    [InlineData("SSH-2.0-dropbear_2022.83\r\n", "2.0", "dropbear_2022.83", null)]
    [InlineData("SSH-2.0-x \r\n", "2.0", "x", "")]
    [InlineData("SSH-2.0-\r\n", "2.0", "", null)]
    [InlineData("SSH-1.5-1.2.27\r\n", "1.5", "1.2.27", null)]
    [InlineData("SSH-2.0-libssh_0.9.6 a b c\r\n", "2.0", "libssh_0.9.6", "a b c")]
    public void Parse_BannerVariants_Fields(string line, string proto, string software, string? comments)
    {
        var parser = new SshParser(SshParserOptions.Default, _counters);

        parser.Parse(FlowDirection.ToServer, Encoding.ASCII.GetBytes(line), _recorder);

        var banner = Assert.Single(_recorder.Banners);
        Assert.Equal((proto, software, comments), (banner.Proto, banner.Software, banner.Comments));
    }

    [Theory]
    [InlineData("SSH-2.0\r\n")]
    [InlineData("SSH-\r\n")]
    [InlineData("SSH--x\r\n")]
    [InlineData("SSH-2.0 x-y\r\n")]
    public void Parse_NoDashAfterProtoVersion_MalformedAndStopped(string line)
    {
        var parser = new SshParser(SshParserOptions.Default, _counters);

        parser.Parse(FlowDirection.ToClient, Encoding.ASCII.GetBytes(line), _recorder);

        Assert.Empty(_recorder.Banners);
        Assert.Equal(1, _counters.MalformedBanners);
        Assert.True(parser.IsDone(FlowDirection.ToClient));
        Assert.Null(parser.BannerOf(FlowDirection.ToClient));
    }

    [Fact]
    public void Parse_ClientSendsHttp_StopsWithoutWaitingForLineEnd()
    {
        var parser = new SshParser(SshParserOptions.Default, _counters);

        parser.Parse(FlowDirection.ToServer, "GET / HT"u8, _recorder);

        Assert.True(parser.IsDone(FlowDirection.ToServer));
        Assert.Equal(1, _counters.InvalidClientLines);
        Assert.Empty(_recorder.Banners);
    }

    [Fact]
    public void Parse_ClientSendsEmptyLine_Stops()
    {
        var parser = new SshParser(SshParserOptions.Default, _counters);

        parser.Parse(FlowDirection.ToServer, "\r\nSSH-2.0-x\r\n"u8, _recorder);

        Assert.Empty(_recorder.Banners);
        Assert.Equal((1, 0), (_counters.InvalidClientLines, _counters.PreBannerLines));
    }

    [Fact]
    public void Parse_ClientPreBannerLinesAllowed_BannerFound()
    {
        var parser = new SshParser(new SshParserOptions { AllowClientPreBannerLines = true }, _counters);

        parser.Parse(FlowDirection.ToServer, "hello\r\nSSH-2.0-Go\r\n"u8, _recorder);

        Assert.Equal("Go", Assert.Single(_recorder.Banners).Software);
    }
}
