using System.Text;

namespace RustIds.Packets.AppLayer.Coap.Tests;

public sealed class CoapMessageParserTests
{
    // CON GET coap://example.org:5683/sensors/temp?unit=c&fmt=json, Accept: application/json.
    internal static readonly byte[] GetRequest =
    [
        0x44,                                   // version 1, type CON, token length 4
        0x01,                                   // code 0.01 GET
        0x12, 0x34,                             // message id 0x1234
        0xCA, 0xFE, 0xBA, 0xBE,                 // token
        0x3B, .. "example.org"u8,               // option 3 Uri-Host (delta 3, length 11)
        0x42, 0x16, 0x33,                       // option 7 Uri-Port (delta 4, length 2) = 5683
        0x47, .. "sensors"u8,                   // option 11 Uri-Path (delta 4, length 7)
        0x04, .. "temp"u8,                      // option 11 Uri-Path (delta 0, length 4)
        0x46, .. "unit=c"u8,                    // option 15 Uri-Query (delta 4, length 6)
        0x08, .. "fmt=json"u8,                  // option 15 Uri-Query (delta 0, length 8)
        0x21, 0x32,                             // option 17 Accept (delta 2, length 1) = 50 application/json
    ];

    // ACK 2.05 Content, Content-Format application/json, payload {"t":21.5}.
    internal static readonly byte[] ContentResponse =
    [
        0x64,                                   // version 1, type ACK, token length 4
        0x45,                                   // code 2.05 Content
        0x12, 0x34,                             // message id 0x1234
        0xCA, 0xFE, 0xBA, 0xBE,                 // token
        0xC1, 0x32,                             // option 12 Content-Format (delta 12, length 1) = 50
        0xFF,                                   // payload marker
        .. "{\"t\":21.5}"u8,                    // payload
    ];

    private readonly CoapCounters _counters = new();
    private readonly CoapMessage _message = new(CoapParserOptions.Default);

    [Fact]
    public void Parse_GetRequest_HeaderAndUriFields()
    {
        var status = CoapMessageParser.Parse(GetRequest, _message, _counters);

        Assert.Equal(CoapParseStatus.Ok, status);
        Assert.Equal((CoapType.Confirmable, CoapMethod.Get, 0, 1, (ushort)0x1234), (_message.Type, _message.Method, _message.CodeClass, _message.CodeDetail, _message.MessageId));
        Assert.Equal([0xCA, 0xFE, 0xBA, 0xBE], _message.Token.ToArray());
        Assert.Equal("example.org", Encoding.ASCII.GetString(_message.UriHost));
        Assert.Equal((true, (ushort)5683), (_message.HasUriPort, _message.UriPort));
        Assert.Equal(("sensors/temp", 2), (Encoding.ASCII.GetString(_message.UriPath), _message.UriPathSegments));
        Assert.Equal(("unit=c&fmt=json", 2), (Encoding.ASCII.GetString(_message.UriQuery), _message.UriQueryCount));
        Assert.Equal((true, (ushort)50, false), (_message.HasAccept, _message.Accept, _message.HasContentFormat));
        Assert.Equal(7, _message.OptionCount);
        Assert.Equal(new CoapOption(3, 9, 11), _message.GetOption(0));
        Assert.True(_message.IsRequest);
        Assert.Equal(0, _message.PayloadLength);
        Assert.Equal((1, 1, 1, 0), (_counters.Messages, _counters.Confirmable, _counters.Requests, _counters.Errors));
    }

    [Fact]
    public void Parse_ContentResponse_ContentFormatAndPayload()
    {
        var status = CoapMessageParser.Parse(ContentResponse, _message, _counters);

        Assert.Equal(CoapParseStatus.Ok, status);
        Assert.Equal((CoapType.Acknowledgement, 2, 5, true, CoapMethod.None), (_message.Type, _message.CodeClass, _message.CodeDetail, _message.IsResponse, _message.Method));
        Assert.Equal((true, (ushort)50), (_message.HasContentFormat, _message.ContentFormat));
        Assert.Equal("{\"t\":21.5}", Encoding.ASCII.GetString(_message.Payload));
        Assert.Equal(10, _message.PayloadLength);
        Assert.True(_message.UriPath.IsEmpty);
        Assert.Equal((1, 1), (_counters.Acknowledgements, _counters.Responses));
    }

    [Theory]
    [InlineData(new byte[] { 0x40, 0x00, 0xAB, 0xCD }, CoapType.Confirmable)] // CON 0.00: ping
    [InlineData(new byte[] { 0x70, 0x00, 0xAB, 0xCD }, CoapType.Reset)] // RST 0.00
    [InlineData(new byte[] { 0x60, 0x00, 0xAB, 0xCD }, CoapType.Acknowledgement)] // empty ACK
    public void Parse_EmptyMessages_Ok(byte[] datagram, CoapType type)
    {
        Assert.Equal(CoapParseStatus.Ok, CoapMessageParser.Parse(datagram, _message, _counters));

        Assert.Equal((type, true, (ushort)0xABCD), (_message.Type, _message.IsEmpty, _message.MessageId));
        Assert.Equal(1, _counters.EmptyMessages);
    }

    [Fact]
    public void Parse_ExtendedDeltaAndLength_Decoded()
    {
        byte[] datagram =
        [
            0x50, 0x02, 0x00, 0x07,             // NON POST, message id 7, no token
            0xBD, 0x07, .. "abcdefghijklmnopqrst"u8, // option 11 Uri-Path, length nibble 13 + 7 = 20
            0xD1, 0x24, 0x05,                   // delta nibble 13 + 36 = 49 -> option 60 Size1, length 1
            0xE0, 0x06, 0xEB,                   // delta nibble 14 + 1771 + 269 = 2040 -> option 2100, length 0
            0xFF, 0x01,                         // payload marker, 1 byte
        ];

        Assert.Equal(CoapParseStatus.Ok, CoapMessageParser.Parse(datagram, _message, _counters));

        Assert.Equal(CoapMethod.Post, _message.Method);
        Assert.Equal("abcdefghijklmnopqrst", Encoding.ASCII.GetString(_message.UriPath));
        Assert.Equal([(ushort)11, (ushort)60, (ushort)2100], Enumerable.Range(0, _message.OptionCount).Select(i => _message.GetOption(i).Number));
        Assert.Equal(new CoapOption(60, 28, 1), _message.GetOption(1));
        Assert.Equal(1, _message.PayloadLength);
    }

    [Theory]
    [InlineData(new byte[] { 0x40, 0x01, 0x00 }, CoapParseStatus.TooShort)]
    [InlineData(new byte[] { 0x80, 0x01, 0x00, 0x01 }, CoapParseStatus.BadVersion)] // version 2
    [InlineData(new byte[] { 0x49, 0x01, 0x00, 0x01, 1, 2, 3, 4, 5, 6, 7, 8, 9 }, CoapParseStatus.InvalidTokenLength)] // TKL 9
    [InlineData(new byte[] { 0x44, 0x01, 0x00, 0x01, 0xAA }, CoapParseStatus.Truncated)] // token cut
    [InlineData(new byte[] { 0x40, 0x01, 0x00, 0x01, 0xF1, 0x00 }, CoapParseStatus.ReservedOptionNibble)] // delta 15
    [InlineData(new byte[] { 0x40, 0x01, 0x00, 0x01, 0x1F }, CoapParseStatus.ReservedOptionNibble)] // length 15
    [InlineData(new byte[] { 0x40, 0x01, 0x00, 0x01, 0xD0 }, CoapParseStatus.Truncated)] // delta extension missing
    [InlineData(new byte[] { 0x40, 0x01, 0x00, 0x01, 0x0E, 0x01 }, CoapParseStatus.Truncated)] // length extension cut
    [InlineData(new byte[] { 0x40, 0x01, 0x00, 0x01, 0xB5, 0x61, 0x62 }, CoapParseStatus.Truncated)] // value longer than datagram
    [InlineData(new byte[] { 0x40, 0x01, 0x00, 0x01, 0xFF }, CoapParseStatus.EmptyPayload)]
    [InlineData(new byte[] { 0x40, 0x00, 0x00, 0x01, 0xFF, 0x61 }, CoapParseStatus.InvalidEmptyMessage)] // 0.00 with payload
    [InlineData(new byte[] { 0x41, 0x00, 0x00, 0x01, 0xAA }, CoapParseStatus.InvalidEmptyMessage)] // 0.00 with token
    [InlineData(new byte[] { 0x40, 0x01, 0x00, 0x01, 0xE0, 0xFE, 0xF2, 0x10 }, CoapParseStatus.OptionNumberTooLarge)] // 65535 + 1
    public void Parse_FormatErrors_StatusAndCounter(byte[] datagram, CoapParseStatus expected)
    {
        Assert.Equal(expected, CoapMessageParser.Parse(datagram, _message, _counters));

        Assert.Equal(1, _counters.Errors);
        Assert.Equal(0, _counters.Messages);
    }

    [Fact]
    public void Parse_InvalidKnownOptionValues_IgnoredAndCounted()
    {
        byte[] datagram =
        [
            0x40, 0x03, 0x00, 0x01,             // CON PUT
            0x30,                               // option 3 Uri-Host, length 0 (must be 1-255)
            0x43, 0x00, 0x00, 0x50,             // option 7 Uri-Port, length 3 (must be 0-2)
            0x53, 0x00, 0x00, 0x32,             // option 12 Content-Format, length 3 (must be 0-2)
        ];

        Assert.Equal(CoapParseStatus.Ok, CoapMessageParser.Parse(datagram, _message, _counters));

        Assert.Equal((false, false, CoapMethod.Put), (_message.HasUriPort, _message.HasContentFormat, _message.Method));
        Assert.Equal(3, _counters.InvalidOptionValues);
    }

    [Fact]
    public void Parse_ReusedMessage_PreviousFieldsCleared()
    {
        CoapMessageParser.Parse(GetRequest, _message, _counters);

        CoapMessageParser.Parse(ContentResponse, _message, _counters);

        Assert.True(_message.UriHost.IsEmpty && _message.UriQuery.IsEmpty && !_message.HasUriPort && !_message.HasAccept);
        Assert.Equal(1, _message.OptionCount);
    }
}
