using RustIds.Packets.AppLayer;
using RustIds.Packets.AppLayer.Http;
using static RustIds.Packets.Tests.AppLayer.Http.HttpTestSupport;

namespace RustIds.Packets.Tests.AppLayer.Http;

public sealed class HttpProbeTests
{
    [Theory]
    [InlineData("GET / HTTP/1.1\r\n", ProbeResult.Match)]
    [InlineData("POST ", ProbeResult.Match)]
    [InlineData("\r\nOPTIONS * HTTP/1.1\r\n", ProbeResult.Match)] // leading empty line skipped
    [InlineData("PROPFIND /dav HTTP/1.1\r\n", ProbeResult.Match)]
    [InlineData("GE", ProbeResult.NeedMoreData)]
    [InlineData("", ProbeResult.NeedMoreData)]
    [InlineData("BREW /pot HTTP/1.1\r\n", ProbeResult.Match)] // token method with an HTTP protocol
    [InlineData("BREW /pot", ProbeResult.NeedMoreData)]
    [InlineData("BREW /pot COFFEE\r\n", ProbeResult.NoMatch)]
    [InlineData("hello world\r\n", ProbeResult.NoMatch)]
    [InlineData("\u0016\u0003\u0001\u0002\u0000", ProbeResult.NoMatch)] // TLS record
    [InlineData("get / HTTP/1.1\r\n", ProbeResult.Match)] // token method; servers decide
    public void Probe_ToServer_Expected(string firstBytes, ProbeResult expected)
    {
        Assert.Equal(expected, HttpProbe.Probe(FlowDirection.ToServer, Bytes(firstBytes)));
    }

    [Theory]
    [InlineData("HTTP/1.1 200 OK\r\n", ProbeResult.Match)]
    [InlineData("HTTP/1.0 404 Not Found\r\n", ProbeResult.Match)]
    [InlineData("HTTP/", ProbeResult.NeedMoreData)]
    [InlineData("HTTP/2 200\r\n", ProbeResult.NoMatch)]
    [InlineData("SSH-2.0-x\r\n", ProbeResult.NoMatch)]
    public void Probe_ToClient_Expected(string firstBytes, ProbeResult expected)
    {
        Assert.Equal(expected, HttpProbe.Probe(FlowDirection.ToClient, Bytes(firstBytes)));
    }

    [Fact]
    public void Probe_UnknownDirection_TriesBoth()
    {
        Assert.Equal(ProbeResult.Match, HttpProbe.Probe(FlowDirection.Unknown, Bytes("HTTP/1.1 200 OK\r\n")));
        Assert.Equal(ProbeResult.Match, HttpProbe.Probe(FlowDirection.Unknown, Bytes("GET / HTTP/1.1\r\n")));
        Assert.Equal(ProbeResult.NoMatch, HttpProbe.Probe(FlowDirection.Unknown, Bytes("\u0000\u0001binary")));
    }
}
