using RustIds.Packets.AppLayer;
using RustIds.Packets.AppLayer.Dns;

namespace RustIds.Packets.Tests.AppLayer.Dns;

public sealed class DnsProbeTests
{
    [Fact]
    public void Probe_UdpQueryAndResponse_Match()
    {
        Assert.Equal(ProbeResult.Match, DnsProbe.Probe(DnsSamples.Query, isTcp: false));
        Assert.Equal(ProbeResult.Match, DnsProbe.Probe(DnsSamples.Response, isTcp: false));
        Assert.Equal(ProbeResult.Match, DnsProbe.Probe(DnsSamples.RichResponse(), isTcp: false));
    }

    [Fact]
    public void Probe_TcpPrefixAtEveryLength_NeedsMoreDataUntilTheQuestionIsComplete()
    {
        var framed = DnsBuilder.WithTcpPrefix(DnsSamples.Query);
        // Prefix 2 + header 12 + name 17 + type/class 4 = 35 bytes, the whole query.
        for (var length = 0; length < framed.Length; length++)
            Assert.Equal(ProbeResult.NeedMoreData, DnsProbe.Probe(framed.AsSpan(0, length), isTcp: true));
        Assert.Equal(ProbeResult.Match, DnsProbe.Probe(framed, isTcp: true));
    }

    [Fact]
    public void Probe_TruncatedUdpDatagram_NoMatch()
    {
        Assert.Equal(ProbeResult.NoMatch, DnsProbe.Probe(DnsSamples.Query.AsSpan(0, 20), isTcp: false));
        Assert.Equal(ProbeResult.NoMatch, DnsProbe.Probe(DnsSamples.Query.AsSpan(0, 5), isTcp: false));
    }

    [Theory]
    [InlineData("GET / HTTP/1.1\r\nHost: example.com\r\n\r\n")]
    [InlineData("SSH-2.0-OpenSSH_9.2p1 Debian-2\r\n")]
    [InlineData("\u0016\u0003\u0001\u0002\u0000\u0001\u0000\u0001\u00fc\u0003\u0003ZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZ")] // TLS ClientHello start
    public void Probe_OtherProtocols_NoMatch(string text)
    {
        var bytes = System.Text.Encoding.Latin1.GetBytes(text);

        Assert.Equal(ProbeResult.NoMatch, DnsProbe.Probe(bytes, isTcp: false));
        Assert.Equal(ProbeResult.NoMatch, DnsProbe.Probe(bytes, isTcp: true));
    }

    [Theory]
    [InlineData(2, 0x18)]  // opcode 3 (unassigned)
    [InlineData(2, 0x78)]  // opcode 15
    [InlineData(3, 0x40)]  // Z bit set
    [InlineData(5, 0x00)]  // QDCOUNT 0
    [InlineData(6, 0x40)]  // ANCOUNT 0x4000: cannot fit
    [InlineData(29, 0x00)] // QTYPE 0
    [InlineData(32, 0x02)] // QCLASS 2 (CSNET, unused)
    public void Probe_InsaneHeaderOrQuestion_NoMatch(int offset, byte value)
    {
        var bytes = DnsSamples.Query;
        bytes[offset] = value;
        if (offset == 29)
            bytes[30] = 0;

        Assert.Equal(ProbeResult.NoMatch, DnsProbe.Probe(bytes, isTcp: false));
    }

    [Fact]
    public void Probe_MdnsUnicastResponseBit_Match()
    {
        var bytes = new DnsBuilder().Header(0, 0, 1).Question("printer.local", 12, 0x8001).ToArray();

        Assert.Equal(ProbeResult.Match, DnsProbe.Probe(bytes, isTcp: false));
    }

    [Fact]
    public void Probe_TcpLengthBelowHeader_NoMatch()
    {
        Assert.Equal(ProbeResult.NoMatch, DnsProbe.Probe([0, 5, 1, 2, 3, 4, 5], isTcp: true));
    }
}
