using System.Text;

namespace RustIds.Packets.AppLayer.Coap.Tests;

public sealed class CoapLimitTests
{
    private readonly CoapCounters _counters = new();

    [Fact]
    public void Parse_LongPathQueryAndPayload_KeptCutAndCounted()
    {
        var message = new CoapMessage(new CoapParserOptions { MaxUriBytes = 255, MaxPayloadBytes = 4, MaxOptions = 2 });
        var segment = Encoding.ASCII.GetBytes(new string('s', 200));
        byte[] datagram =
        [
            0x40, 0x01, 0x00, 0x01,             // CON GET
            0xBD, 200 - 13, .. segment,         // Uri-Path, 200 bytes
            0x0D, 200 - 13, .. segment,         // Uri-Path again: the joined path passes 255
            0x41, 0x71,                         // Uri-Query "q"
            0xFF, .. "payload"u8,               // 7-byte payload
        ];

        Assert.Equal(CoapParseStatus.Ok, CoapMessageParser.Parse(datagram, message, _counters));

        Assert.Equal(255, message.UriPath.Length);
        Assert.Equal((byte)'/', message.UriPath[200]);
        Assert.Equal(2, message.UriPathSegments);
        Assert.Equal("q", Encoding.ASCII.GetString(message.UriQuery));
        Assert.Equal(("payl", 7), (Encoding.ASCII.GetString(message.Payload), message.PayloadLength));
        Assert.Equal(2, message.OptionCount);
        Assert.Equal((2, 1), (_counters.TruncatedFields, _counters.DroppedOptions));
    }

    [Fact]
    public void GetOption_OutOfRange_Throws()
    {
        var message = new CoapMessage(CoapParserOptions.Default);
        CoapMessageParser.Parse(CoapMessageParserTests.ContentResponse, message, _counters);

        Assert.Throws<ArgumentOutOfRangeException>(() => message.GetOption(1));
    }

    [Fact]
    public void Validate_OutOfRangeSettings_AllListed()
    {
        Assert.Equal(3, new CoapParserOptions { MaxUriBytes = 10, MaxPayloadBytes = -1, MaxOptions = 0 }.Validate().Count);
        Assert.Empty(CoapParserOptions.Default.Validate());
    }

    [Theory]
    [InlineData(new byte[] { 0x44, 0x01, 0x12, 0x34, 0xCA, 0xFE, 0xBA, 0xBE, 0xB4, 0x74, 0x65, 0x6D, 0x70 }, ProbeResult.Match)] // GET /temp
    [InlineData(new byte[] { 0x40, 0x00, 0x12, 0x34 }, ProbeResult.Match)] // ping
    [InlineData(new byte[] { 0x60, 0x45, 0x12, 0x34, 0xFF, 0x31 }, ProbeResult.Match)] // ACK 2.05 with payload
    [InlineData(new byte[] { 0x40, 0x21, 0x12, 0x34 }, ProbeResult.NoMatch)] // reserved class 1
    [InlineData(new byte[] { 0x40, 0xE1, 0x12, 0x34 }, ProbeResult.NoMatch)] // class 7 (signaling, TCP only)
    [InlineData(new byte[] { 0x40, 0x01, 0x12 }, ProbeResult.NoMatch)]
    [InlineData(new byte[] { 0x00, 0x01, 0x12, 0x34 }, ProbeResult.NoMatch)] // version 0
    [InlineData(new byte[] { 0x40, 0x01, 0x12, 0x34, 0xF0 }, ProbeResult.NoMatch)] // reserved nibble
    [InlineData(new byte[] { 0x16, 0x03, 0x01, 0x00, 0x05 }, ProbeResult.NoMatch)] // DTLS-like bytes
    public void Probe_Datagram_Result(byte[] datagram, ProbeResult expected) => Assert.Equal(expected, CoapProbe.Probe(datagram));
}
