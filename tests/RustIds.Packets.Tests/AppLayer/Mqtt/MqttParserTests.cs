using static RustIds.Packets.AppLayer.Mqtt.Tests.MqttBytes;

namespace RustIds.Packets.AppLayer.Mqtt.Tests;

public sealed class MqttParserTests
{
    // MQTT 3.1.1 CONNECT with will, user name and password.
    internal static readonly byte[] Connect311 =
    [
        0x10, 0x35,                                     // CONNECT, remaining length 53
        0x00, 0x04, (byte)'M', (byte)'Q', (byte)'T', (byte)'T', // protocol name "MQTT"
        0x04,                                           // protocol level 4 (3.1.1)
        0xCE,                                           // flags: user name, password, will QoS 1, will, clean session
        0x00, 0x3C,                                     // keep alive 60 s
        0x00, 0x07, .. "sensor1"u8,                     // client id
        0x00, 0x0B, .. "devices/off"u8,                 // will topic
        0x00, 0x04, .. "gone"u8,                        // will message
        0x00, 0x05, .. "alice"u8,                       // user name
        0x00, 0x06, .. "s3cret"u8,                      // password
    ];

    // CONNACK: session present, return code 0 (accepted).
    internal static readonly byte[] ConnAck = [0x20, 0x02, 0x01, 0x00];

    // PUBLISH QoS 1.
    internal static readonly byte[] Publish =
    [
        0x32, 0x14,                                     // PUBLISH, QoS 1, remaining length 20
        0x00, 0x0C, .. "sensors/temp"u8,                // topic name
        0x00, 0x0A,                                     // packet id 10
        .. "21.5"u8,                                    // payload
    ];

    // SUBSCRIBE with two filters.
    internal static readonly byte[] Subscribe =
    [
        0x82, 0x0E,                                     // SUBSCRIBE (flags 0010), remaining length 14
        0x00, 0x01,                                     // packet id 1
        0x00, 0x03, .. "a/#"u8, 0x01,                   // filter "a/#", requested QoS 1
        0x00, 0x03, .. "b/+"u8, 0x02,                   // filter "b/+", requested QoS 2
    ];

    // UNSUBSCRIBE with one filter.
    internal static readonly byte[] Unsubscribe = [0xA2, 0x07, 0x00, 0x02, 0x00, 0x03, .. "a/#"u8];

    // PINGREQ and DISCONNECT: fixed header only.
    internal static readonly byte[] PingAndDisconnect = [0xC0, 0x00, 0xE0, 0x00];

    internal static readonly byte[] ClientStream = [.. Connect311, .. Publish, .. Subscribe, .. Unsubscribe, .. PingAndDisconnect];

    private readonly MqttCounters _counters = new();
    private readonly MqttRecorder _recorder = new();

    [Fact]
    public void Parse_Connect311_AllFieldsButPassword()
    {
        var parser = new MqttParser(MqttParserOptions.Default, _counters);

        parser.Parse(FlowDirection.ToServer, Connect311, _recorder);

        var m = Assert.Single(_recorder.Messages);
        Assert.Equal((MqttPacketType.Connect, "MQTT", (byte)4, (ushort)60), (m.Type, m.ProtocolName, m.Level, m.KeepAlive));
        Assert.Equal(("sensor1", "alice", "devices/off", "gone"), (m.ClientId, m.Username, m.WillTopic, m.WillMessage));
        Assert.True(m.HasPassword);
        Assert.Equal(6, m.PasswordLength);
        Assert.DoesNotContain("s3cret", m.ToString(), StringComparison.Ordinal);
        Assert.Equal(1, _counters.Connects);
        Assert.Equal(0, _counters.Errors);
    }

    [Fact]
    public void Parse_ClientConversation_EveryMessageDecoded()
    {
        var parser = new MqttParser(MqttParserOptions.Default, _counters);

        parser.Parse(FlowDirection.ToServer, ClientStream, _recorder);
        parser.Parse(FlowDirection.ToClient, ConnAck, _recorder);

        Assert.Equal(
            [MqttPacketType.Connect, MqttPacketType.Publish, MqttPacketType.Subscribe, MqttPacketType.Unsubscribe,
             MqttPacketType.PingReq, MqttPacketType.Disconnect, MqttPacketType.ConnAck],
            _recorder.Messages.Select(m => m.Type));
        var publish = _recorder.Messages[1];
        Assert.Equal(("sensors/temp", "21.5", (byte)1, 10), (publish.Topic, publish.Payload, publish.Qos, publish.PacketId));
        Assert.Equal(("a/#:1,b/+:2", 1), (_recorder.Messages[2].Topics, _recorder.Messages[2].PacketId));
        Assert.Equal(("a/#:0", 2), (_recorder.Messages[3].Topics, _recorder.Messages[3].PacketId));
        var connAck = _recorder.Messages[6];
        Assert.Equal((FlowDirection.ToClient, true, (byte)0), (connAck.Direction, connAck.SessionPresent, connAck.ReasonCode));
        Assert.Equal(7, _counters.Messages);
        Assert.Equal(0, _counters.Errors);
    }

    [Fact]
    public void Parse_EverySplitPointAndSingleBytes_SameMessages()
    {
        var whole = new MqttRecorder();
        new MqttParser(MqttParserOptions.Default, _counters).Parse(FlowDirection.ToServer, ClientStream, whole);
        for (var split = 0; split <= ClientStream.Length; split++)
        {
            var recorder = new MqttRecorder();
            var parser = new MqttParser(MqttParserOptions.Default, _counters);
            parser.Parse(FlowDirection.ToServer, ClientStream.AsSpan(0, split), recorder);
            parser.Parse(FlowDirection.ToServer, ClientStream.AsSpan(split), recorder);
            Assert.Equal(whole.Messages, recorder.Messages);
        }

        var single = new MqttRecorder();
        var bytewise = new MqttParser(MqttParserOptions.Default, _counters);
        foreach (var b in ClientStream)
            bytewise.Parse(FlowDirection.ToServer, [b], single);
        Assert.Equal(whole.Messages, single.Messages);
        Assert.Equal(0, _counters.Errors);
    }

    [Fact]
    public void Parse_Mqtt5Flow_PropertiesSkippedAndLevelKept()
    {
        var parser = new MqttParser(MqttParserOptions.Default, _counters);
        byte[] sessionExpiry = [5, 0x11, 0x00, 0x00, 0x00, 0x3C]; // properties: length 5, session expiry interval 60
        byte[] connAck5 = [0x20, 0x06, 0x00, 0x87, 0x03, 0x21, 0x00, 0x0A]; // CONNACK: flags 0, reason 0x87 Not authorized, receive maximum 10

        parser.Parse(FlowDirection.ToServer, Connect("v5client", level: 5, username: "bob", willTopic: "w", willMessage: "m", properties: sessionExpiry), _recorder);
        parser.Parse(FlowDirection.ToClient, connAck5, _recorder);
        parser.Parse(FlowDirection.ToServer, [.. MqttBytes.Publish("t/5", "{}", qos: 2, packetId: 7, v5: true), .. MqttBytes.Subscribe(3, true, ("x/y", 0x15))], _recorder);

        Assert.Equal(5, parser.ProtocolLevel);
        Assert.Equal(4, _recorder.Messages.Count);
        Assert.Equal(("v5client", "bob", "w", "m", (byte)5), (_recorder.Messages[0].ClientId, _recorder.Messages[0].Username, _recorder.Messages[0].WillTopic, _recorder.Messages[0].WillMessage, _recorder.Messages[0].Level));
        Assert.Equal((byte)0x87, _recorder.Messages[1].ReasonCode);
        Assert.Equal(("t/5", "{}", 7), (_recorder.Messages[2].Topic, _recorder.Messages[2].Payload, _recorder.Messages[2].PacketId));
        Assert.Equal("x/y:1", _recorder.Messages[3].Topics);
        Assert.Equal(0, _counters.Errors);
    }

    [Fact]
    public void Parse_Mqtt31Connect_MqisdpLevel3()
    {
        var parser = new MqttParser(MqttParserOptions.Default, _counters);

        parser.Parse(FlowDirection.ToServer, Connect("old", level: 3), _recorder);

        var m = Assert.Single(_recorder.Messages);
        Assert.Equal(("MQIsdp", (byte)3, "old", false), (m.ProtocolName, m.Level, m.ClientId, m.HasPassword));
        Assert.Equal(3, parser.ProtocolLevel);
    }

    [Fact]
    public void Parse_PublishQos0WithoutPayload_NoPacketId()
    {
        var parser = new MqttParser(MqttParserOptions.Default, _counters);

        parser.Parse(FlowDirection.ToClient, MqttBytes.Publish("t", "", retain: true), _recorder);

        var m = Assert.Single(_recorder.Messages);
        Assert.Equal((-1, 0, "", (byte)1), (m.PacketId, m.PayloadLength, m.Payload, m.Flags));
    }

    [Fact]
    public void Reset_MidMessage_NextFlowParsesFromScratch()
    {
        var parser = new MqttParser(MqttParserOptions.Default, _counters);
        parser.Parse(FlowDirection.ToServer, Connect("v5", level: 5), _recorder);
        parser.Parse(FlowDirection.ToServer, Publish.AsSpan(0, 9), _recorder);

        parser.Reset();
        parser.Parse(FlowDirection.ToServer, Publish, _recorder);

        Assert.Equal(4, parser.ProtocolLevel);
        Assert.Equal("sensors/temp", _recorder.Messages[^1].Topic);
        Assert.Equal(2, _counters.Messages);
    }

    [Theory]
    [InlineData(new byte[] { 0x10, 0x0C, 0x00, 0x04, 0x4D, 0x51, 0x54, 0x54, 0x04 }, ProbeResult.Match)]
    [InlineData(new byte[] { 0x10, 0x0E, 0x00, 0x06, 0x4D, 0x51, 0x49, 0x73, 0x64, 0x70, 0x03 }, ProbeResult.Match)]
    [InlineData(new byte[] { 0x10, 0x80, 0x01, 0x00, 0x04, 0x4D, 0x51, 0x54, 0x54, 0x05 }, ProbeResult.Match)]
    [InlineData(new byte[] { 0x10, 0x0C, 0x00, 0x04, 0x4D, 0x51 }, ProbeResult.NeedMoreData)]
    [InlineData(new byte[] { 0x10, 0x80 }, ProbeResult.NeedMoreData)]
    [InlineData(new byte[] { 0x10 }, ProbeResult.NeedMoreData)]
    [InlineData(new byte[] { }, ProbeResult.NeedMoreData)]
    [InlineData(new byte[] { 0x10, 0x0C, 0x00, 0x04, 0x4D, 0x51, 0x54, 0x54, 0x07 }, ProbeResult.NoMatch)]
    [InlineData(new byte[] { 0x10, 0x0E, 0x00, 0x06, 0x4D, 0x51, 0x49, 0x73, 0x64, 0x70, 0x04 }, ProbeResult.NoMatch)]
    [InlineData(new byte[] { 0x10, 0x02, 0x00, 0x04 }, ProbeResult.NoMatch)]
    [InlineData(new byte[] { 0x10, 0xFF, 0xFF, 0xFF, 0xFF }, ProbeResult.NoMatch)]
    [InlineData(new byte[] { 0x12, 0x0C }, ProbeResult.NoMatch)]
    [InlineData(new byte[] { 0x47, 0x45, 0x54 }, ProbeResult.NoMatch)]
    public void Probe_FirstBytes_Result(byte[] bytes, ProbeResult expected) => Assert.Equal(expected, MqttProbe.Probe(bytes));
}
