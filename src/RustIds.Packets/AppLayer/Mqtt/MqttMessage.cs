namespace RustIds.Packets.AppLayer.Mqtt;

/// <summary>One decoded MQTT control packet (3.1, 3.1.1 or 5.0); fields not carried by its type are empty.</summary>
/// <remarks>
/// <para>
/// Reused for every message: string fields and the payload are copied (up to the configured
/// limits) into a buffer the message owns, so the next message overwrites them. The password is
/// never copied; only its presence and length are kept. MQTT 5.0 properties are skipped.
/// </para>
/// <para>Not thread-safe: one instance per parser or per worker thread.</para>
/// </remarks>
public sealed class MqttMessage
{
    private readonly MqttFieldStore _store = new();
    private MqttField[] _topics = new MqttField[4];
    private byte[] _topicOptions = new byte[4];

    /// <summary>Control packet type.</summary>
    public MqttPacketType Type { get; private set; }

    /// <summary>The fixed header's low nibble (PUBLISH: DUP, QoS, RETAIN; SUBSCRIBE/UNSUBSCRIBE/PUBREL: must be 2).</summary>
    public byte Flags { get; private set; }

    /// <summary>The fixed header's remaining length: bytes of variable header and payload.</summary>
    public int RemainingLength { get; private set; }

    /// <summary>Protocol level the message was decoded with: 3 (3.1), 4 (3.1.1) or 5 (5.0).</summary>
    public byte ProtocolLevel { get; private set; }

    /// <summary>PUBLISH delivery QoS (0–2), from the fixed header flags.</summary>
    public byte Qos => (byte)((Flags >> 1) & 3);

    /// <summary>PUBLISH DUP flag.</summary>
    public bool Dup => (Flags & 8) != 0;

    /// <summary>PUBLISH RETAIN flag.</summary>
    public bool Retain => (Flags & 1) != 0;

    /// <summary>Packet identifier, for types that carry one (PUBLISH with QoS &gt; 0, acks, SUBSCRIBE, UNSUBSCRIBE).</summary>
    public ushort PacketId { get; internal set; }

    /// <summary>True when <see cref="PacketId"/> was present.</summary>
    public bool HasPacketId { get; internal set; }

    /// <summary>CONNECT protocol name (<c>MQTT</c>, or <c>MQIsdp</c> for 3.1).</summary>
    public ReadOnlySpan<byte> ProtocolName => _store.Get(ProtocolNameField);

    /// <summary>CONNECT flags byte (MQTT 3.1.1 §3.1.2.3).</summary>
    public byte ConnectFlags { get; internal set; }

    /// <summary>CONNECT keep-alive interval, in seconds.</summary>
    public ushort KeepAliveSeconds { get; internal set; }

    /// <summary>CONNECT clean session (3.1.1) or clean start (5.0) flag.</summary>
    public bool CleanSession => (ConnectFlags & 0x02) != 0;

    /// <summary>CONNECT will flag: a will topic and message are present.</summary>
    public bool HasWill => (ConnectFlags & 0x04) != 0;

    /// <summary>CONNECT will QoS.</summary>
    public byte WillQos => (byte)((ConnectFlags >> 3) & 3);

    /// <summary>CONNECT will retain flag.</summary>
    public bool WillRetain => (ConnectFlags & 0x20) != 0;

    /// <summary>CONNECT user name flag: <see cref="Username"/> is present.</summary>
    public bool HasUsername => (ConnectFlags & 0x80) != 0;

    /// <summary>CONNECT password flag; the password bytes themselves are never kept.</summary>
    public bool HasPassword => (ConnectFlags & 0x40) != 0;

    /// <summary>Length of the CONNECT password, in bytes (0 when absent).</summary>
    public int PasswordLength { get; internal set; }

    /// <summary>CONNECT client identifier (may be empty).</summary>
    public ReadOnlySpan<byte> ClientId => _store.Get(ClientIdField);

    /// <summary>CONNECT user name.</summary>
    public ReadOnlySpan<byte> Username => _store.Get(UsernameField);

    /// <summary>CONNECT will topic.</summary>
    public ReadOnlySpan<byte> WillTopic => _store.Get(WillTopicField);

    /// <summary>CONNECT will message, cut at <see cref="MqttParserOptions.MaxPayloadBytes"/>.</summary>
    public ReadOnlySpan<byte> WillMessage => _store.Get(WillMessageField);

    /// <summary>CONNACK session-present flag.</summary>
    public bool SessionPresent { get; internal set; }

    /// <summary>CONNACK return code (3.1.1) or reason code (5.0; also acks, DISCONNECT, AUTH when present).</summary>
    public byte ReasonCode { get; internal set; }

    /// <summary>PUBLISH topic name.</summary>
    public ReadOnlySpan<byte> Topic => _store.Get(TopicField);

    /// <summary>PUBLISH payload, cut at <see cref="MqttParserOptions.MaxPayloadBytes"/>.</summary>
    public ReadOnlySpan<byte> Payload => _store.Get(PayloadField);

    /// <summary>True length of the PUBLISH payload, in bytes.</summary>
    public int PayloadLength { get; internal set; }

    /// <summary>True when <see cref="Payload"/> holds fewer bytes than <see cref="PayloadLength"/>.</summary>
    public bool IsPayloadTruncated => PayloadField.Length < PayloadLength;

    /// <summary>Topic filters kept from a SUBSCRIBE or UNSUBSCRIBE.</summary>
    public int TopicCount { get; private set; }

    /// <summary>Topic filters in the message, kept or not (see <see cref="MqttParserOptions.MaxTopicsPerMessage"/>).</summary>
    public int TopicTotal { get; internal set; }

    internal MqttField ProtocolNameField { get; set; }

    internal MqttField ClientIdField { get; set; }

    internal MqttField UsernameField { get; set; }

    internal MqttField WillTopicField { get; set; }

    internal MqttField WillMessageField { get; set; }

    internal MqttField TopicField { get; set; }

    internal MqttField PayloadField { get; set; }

    /// <summary>One kept topic filter of a SUBSCRIBE or UNSUBSCRIBE.</summary>
    /// <param name="index">0 to <see cref="TopicCount"/> - 1.</param>
    public ReadOnlySpan<byte> GetTopicFilter(int index) => _store.Get(_topics[ValidIndex(index)]);

    /// <summary>Requested QoS of one SUBSCRIBE topic filter (0 for UNSUBSCRIBE).</summary>
    /// <param name="index">0 to <see cref="TopicCount"/> - 1.</param>
    public byte GetTopicQos(int index) => (byte)(_topicOptions[ValidIndex(index)] & 3);

    /// <summary>The whole subscription options byte of one SUBSCRIBE topic filter (5.0 adds No Local, Retain As Published, Retain Handling).</summary>
    /// <param name="index">0 to <see cref="TopicCount"/> - 1.</param>
    public byte GetTopicOptions(int index) => _topicOptions[ValidIndex(index)];

    internal MqttField Copy(ReadOnlySpan<byte> value, int limit) => _store.Add(value, limit);

    internal void AddTopic(MqttField topic, byte options)
    {
        if (TopicCount == _topics.Length)
        {
            Array.Resize(ref _topics, TopicCount * 2);
            Array.Resize(ref _topicOptions, TopicCount * 2);
        }
        _topics[TopicCount] = topic;
        _topicOptions[TopicCount] = options;
        TopicCount++;
    }

    internal void Begin(byte header, int remainingLength, byte protocolLevel)
    {
        _store.Clear();
        Type = (MqttPacketType)(header >> 4);
        Flags = (byte)(header & 0x0F);
        RemainingLength = remainingLength;
        ProtocolLevel = protocolLevel;
        PacketId = 0;
        HasPacketId = false;
        ConnectFlags = 0;
        KeepAliveSeconds = 0;
        PasswordLength = 0;
        SessionPresent = false;
        ReasonCode = 0;
        PayloadLength = 0;
        TopicCount = 0;
        TopicTotal = 0;
        ProtocolNameField = default;
        ClientIdField = default;
        UsernameField = default;
        WillTopicField = default;
        WillMessageField = default;
        TopicField = default;
        PayloadField = default;
    }

    internal void SetProtocolLevel(byte level) => ProtocolLevel = level;

    private int ValidIndex(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, TopicCount);
        return index;
    }
}
