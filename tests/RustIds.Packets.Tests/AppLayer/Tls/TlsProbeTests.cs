namespace RustIds.Packets.AppLayer.Tls.Tests;

public sealed class TlsProbeTests
{
    [Theory]
    [InlineData(new byte[] { 0x16, 0x03, 0x01, 0x02, 0x00, 0x01 }, ProbeResult.Match)] // ClientHello, TLS 1.0 record
    [InlineData(new byte[] { 0x16, 0x03, 0x03, 0x00, 0x7a, 0x02 }, ProbeResult.Match)] // ServerHello
    [InlineData(new byte[] { 0x16, 0x03, 0x00, 0x00, 0x30, 0x01, 0x00 }, ProbeResult.Match)] // SSL 3.0
    [InlineData(new byte[] { }, ProbeResult.NeedMoreData)]
    [InlineData(new byte[] { 0x16 }, ProbeResult.NeedMoreData)]
    [InlineData(new byte[] { 0x16, 0x03 }, ProbeResult.NeedMoreData)]
    [InlineData(new byte[] { 0x16, 0x03, 0x01 }, ProbeResult.NeedMoreData)]
    [InlineData(new byte[] { 0x16, 0x03, 0x01, 0x02 }, ProbeResult.NeedMoreData)]
    [InlineData(new byte[] { 0x16, 0x03, 0x01, 0x02, 0x00 }, ProbeResult.NeedMoreData)]
    [InlineData(new byte[] { 0x17, 0x03, 0x03, 0x00, 0x20, 0x01 }, ProbeResult.NoMatch)] // application data
    [InlineData(new byte[] { 0x16, 0x02, 0x01, 0x02, 0x00, 0x01 }, ProbeResult.NoMatch)] // major version 2
    [InlineData(new byte[] { 0x16, 0x03, 0x05, 0x02, 0x00, 0x01 }, ProbeResult.NoMatch)] // minor version 5
    [InlineData(new byte[] { 0x16, 0x03, 0x01, 0x00, 0x03, 0x01 }, ProbeResult.NoMatch)] // shorter than a handshake header
    [InlineData(new byte[] { 0x16, 0x03, 0x01, 0x48, 0x01, 0x01 }, ProbeResult.NoMatch)] // longer than 2^14 + 2048
    [InlineData(new byte[] { 0x16, 0x03, 0x01, 0x02, 0x00, 0x0b }, ProbeResult.NoMatch)] // Certificate first
    [InlineData(new byte[] { 0x47, 0x45, 0x54, 0x20, 0x2f, 0x20 }, ProbeResult.NoMatch)] // "GET / "
    public void Probe_FirstBytes_Classifies(byte[] bytes, ProbeResult expected) => Assert.Equal(expected, TlsProbe.Probe(bytes));

    [Fact]
    public void Probe_EveryPrefixOfRealHello_NeverNoMatch()
    {
        var stream = TlsSamples.ClientHelloRecords(TlsSamples.ChromeClientHelloBody());
        for (var length = 0; length <= 16; length++)
            Assert.NotEqual(ProbeResult.NoMatch, TlsProbe.Probe(stream.AsSpan(0, length)));
        Assert.Equal(ProbeResult.Match, TlsProbe.Probe(stream));
    }
}
