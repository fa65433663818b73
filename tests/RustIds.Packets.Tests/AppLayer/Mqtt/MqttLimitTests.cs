using static RustIds.Packets.AppLayer.Mqtt.Tests.MqttBytes;

namespace RustIds.Packets.AppLayer.Mqtt.Tests;

public sealed class MqttLimitTests
{
    private readonly MqttCounters _counters = new();
    private readonly MqttRecorder _recorder = new();

    [Fact]
    public void Parse_FifthRemainingLengthByte_MalformedAndStopped()
    {
        var parser = new MqttParser(MqttParserOptions.Default, _counters);

        parser.Parse(FlowDirection.ToServer, [0x30, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F, .. MqttParserTests.Publish], _recorder);

        Assert.Empty(_recorder.Messages);
        Assert.Equal(1, _counters.MalformedLengths);
        Assert.True(parser.IsStopped(FlowDirection.ToServer));
    }

    [Fact]
    public void Parse_FourByteLengthAboveLimit_SkippedAndNextParsed()
    {
        var parser = new MqttParser(new MqttParserOptions { MaxMessageBytes = 1024 }, _counters);
        var big = MqttBytes.Publish("big", new string('x', 3000));

        parser.Parse(FlowDirection.ToServer, big.AsSpan(0, 100), _recorder);
        parser.Parse(FlowDirection.ToServer, [.. big.AsSpan(100), .. MqttParserTests.Publish], _recorder);

        Assert.Equal("sensors/temp", Assert.Single(_recorder.Messages).Topic);
        Assert.Equal(1, _counters.OversizedMessages);
    }

    [Fact]
    public void Parse_MessageAtLimitAcrossSegments_Buffered()
    {
        var message = MqttBytes.Publish("t", new string('y', 1024 - 3));
        var parser = new MqttParser(new MqttParserOptions { MaxMessageBytes = 1024, MaxPayloadBytes = 2000 }, _counters);

        for (var i = 0; i < message.Length; i += 7)
            parser.Parse(FlowDirection.ToServer, message.AsSpan(i, Math.Min(7, message.Length - i)), _recorder);

        var m = Assert.Single(_recorder.Messages);
        Assert.Equal(1021, m.PayloadLength);
        Assert.Equal(0, _counters.Errors);
    }

    [Fact]
    public void Parse_TopicLengthPastBody_MalformedAndFramingContinues()
    {
        byte[] broken = [0x30, 0x04, 0x00, 0x09, (byte)'a', (byte)'b']; // PUBLISH, topic length 9 but 2 bytes left
        var parser = new MqttParser(MqttParserOptions.Default, _counters);

        parser.Parse(FlowDirection.ToServer, [.. broken, .. MqttParserTests.Publish], _recorder);

        Assert.Equal("sensors/temp", Assert.Single(_recorder.Messages).Topic);
        Assert.Equal(1, _counters.MalformedMessages);
    }

    [Theory]
    [InlineData(new byte[] { 0x80, 0x06, 0x00, 0x01, 0x00, 0x01, 0x61, 0x00 })] // SUBSCRIBE with flags 0000
    [InlineData(new byte[] { 0xC1, 0x00 })] // PINGREQ with flags 0001
    [InlineData(new byte[] { 0x10, 0x0D, 0x00, 0x04, 0x4D, 0x51, 0x54, 0x54, 0x04, 0x03, 0x00, 0x00, 0x00, 0x01, 0x61 })] // CONNECT, reserved flag bit 0 set
    public void Parse_ReservedFlagBits_CountedStillDelivered(byte[] bytes)
    {
        var parser = new MqttParser(MqttParserOptions.Default, _counters);

        parser.Parse(FlowDirection.ToServer, bytes, _recorder);

        Assert.Single(_recorder.Messages);
        Assert.Equal(1, _counters.InvalidFlags);
    }

    [Theory]
    [InlineData(new byte[] { 0x36, 0x05, 0x00, 0x01, 0x61, 0x00, 0x01 })] // PUBLISH QoS 3
    [InlineData(new byte[] { 0x82, 0x02, 0x00, 0x01 })] // SUBSCRIBE without filters
    [InlineData(new byte[] { 0xA2, 0x02, 0x00, 0x01 })] // UNSUBSCRIBE without filters
    [InlineData(new byte[] { 0x82, 0x05, 0x00, 0x01, 0x00, 0x01, 0x61 })] // SUBSCRIBE filter without options byte
    [InlineData(new byte[] { 0x20, 0x01, 0x00 })] // CONNACK without return code
    [InlineData(new byte[] { 0x40, 0x01, 0x00 })] // PUBACK with half a packet id
    [InlineData(new byte[] { 0x10, 0x08, 0x00, 0x04, 0x4D, 0x51, 0x54, 0x54, 0x04, 0x02 })] // CONNECT cut before keep-alive
    [InlineData(new byte[] { 0x10, 0x0E, 0x00, 0x04, 0x4D, 0x51, 0x54, 0x54, 0x04, 0x42, 0x00, 0x00, 0x00, 0x01, 0x61, 0x00 })] // password flag, password cut
    public void Parse_StructurallyBroken_MalformedNotDelivered(byte[] bytes)
    {
        var parser = new MqttParser(MqttParserOptions.Default, _counters);

        parser.Parse(FlowDirection.ToServer, bytes, _recorder);

        Assert.Empty(_recorder.Messages);
        Assert.Equal(1, _counters.MalformedMessages);
        Assert.False(parser.IsStopped(FlowDirection.ToServer));
    }

    [Fact]
    public void Parse_V5PropertyLengthPastBody_Malformed()
    {
        var parser = new MqttParser(new MqttParserOptions { DefaultProtocolLevel = 5 }, _counters);

        parser.Parse(FlowDirection.ToClient, [0x30, 0x05, 0x00, 0x01, 0x61, 0x7F, 0x00], _recorder); // PUBLISH, properties length 127

        Assert.Empty(_recorder.Messages);
        Assert.Equal(1, _counters.MalformedMessages);
    }

    [Fact]
    public void Parse_ReservedType0_Stops()
    {
        var parser = new MqttParser(MqttParserOptions.Default, _counters);

        parser.Parse(FlowDirection.ToServer, [0x00, 0x00, .. MqttParserTests.Publish], _recorder);

        Assert.Empty(_recorder.Messages);
        Assert.Equal(1, _counters.ReservedTypes);
        Assert.True(parser.IsStopped(FlowDirection.ToServer));
    }

    [Fact]
    public void Parse_LongFieldsAndPayload_KeptCutAndCounted()
    {
        var options = new MqttParserOptions { MaxFieldBytes = 16, MaxPayloadBytes = 8, MaxTopicsPerMessage = 2 };
        var parser = new MqttParser(options, _counters);

        parser.Parse(FlowDirection.ToServer, MqttBytes.Publish(new string('t', 40), "0123456789abcdef"), _recorder);
        parser.Parse(FlowDirection.ToServer, MqttBytes.Subscribe(9, false, ("a", 0), ("b", 1), ("c", 2)), _recorder);

        var publish = _recorder.Messages[0];
        Assert.Equal((new string('t', 16), "01234567", 16), (publish.Topic, publish.Payload, publish.PayloadLength));
        Assert.Equal(("a:0,b:1", 3), (_recorder.Messages[1].Topics, _recorder.Messages[1].TopicTotal));
        Assert.Equal((1, 1, 1), (_counters.TruncatedFields, _counters.TruncatedPayloads, _counters.DroppedTopics));
    }

    [Fact]
    public void OnGap_MidMessage_StopsAndReturnsBuffer()
    {
        var parser = new MqttParser(MqttParserOptions.Default, _counters);
        parser.Parse(FlowDirection.ToServer, MqttParserTests.Publish.AsSpan(0, 10), _recorder);

        parser.OnGap(FlowDirection.ToServer);
        parser.Parse(FlowDirection.ToServer, MqttParserTests.Publish, _recorder);

        Assert.Empty(_recorder.Messages);
        Assert.Equal(1, _counters.Gaps);
        Assert.True(parser.IsStopped(FlowDirection.ToServer));
    }

    [Fact]
    public void Parse_UnknownDirection_CountedAndIgnored()
    {
        var parser = new MqttParser(MqttParserOptions.Default, _counters);

        parser.Parse(FlowDirection.Unknown, MqttParserTests.Publish, _recorder);

        Assert.Empty(_recorder.Messages);
        Assert.Equal(1, _counters.UnknownDirection);
    }

    [Fact]
    public void Validate_OutOfRangeSettings_AllListed()
    {
        var options = new MqttParserOptions { MaxMessageBytes = 1, MaxFieldBytes = 0, MaxPayloadBytes = -1, MaxTopicsPerMessage = 0, DefaultProtocolLevel = 7 };

        Assert.Equal(5, options.Validate().Count);
        Assert.Empty(MqttParserOptions.Default.Validate());
    }
}
