namespace RustIds.Packets.AppLayer.Mqtt;

/// <summary>Parses the MQTT control packets of both directions of one TCP connection.</summary>
/// <remarks>
/// <para>
/// Each direction is fed its reassembled bytes in order, in pieces of any size. The fixed header
/// and remaining length (MQTT 3.1.1 §2.2) frame each message; a message wholly inside one piece is
/// decoded in place, one that spans pieces is collected in a pooled buffer of up to
/// <see cref="MqttParserOptions.MaxMessageBytes"/>. Larger messages are skipped and counted.
/// </para>
/// <para>
/// The protocol level (3.1, 3.1.1 or 5.0) comes from the flow's CONNECT and decides whether 5.0
/// properties are expected. A gap, a fifth remaining-length byte or a type-0 packet stops the
/// direction, since message boundaries are lost. Input bytes never cause an exception; no
/// allocation per call once the shared <see cref="System.Buffers.ArrayPool{T}"/> and the message's
/// buffer are warm.
/// </para>
/// <para>One instance per flow, reused through <see cref="Reset"/>; not thread-safe.</para>
/// </remarks>
public sealed class MqttParser
{
    private readonly MqttParserOptions _options;
    private readonly MqttCounters _counters;
    private readonly MqttMessage _message;
    private readonly MqttStreamState _toServer = new();
    private readonly MqttStreamState _toClient = new();
    private byte _protocolLevel;

    /// <summary>Creates a parser with its own reusable message.</summary>
    /// <param name="options">Limits; validated by the caller at start-up.</param>
    /// <param name="counters">The worker's counters.</param>
    public MqttParser(MqttParserOptions options, MqttCounters counters)
        : this(options, counters, new MqttMessage())
    {
    }

    /// <summary>Creates a parser that decodes into a message shared by the worker's parsers.</summary>
    /// <param name="options">Limits; validated by the caller at start-up.</param>
    /// <param name="counters">The worker's counters.</param>
    /// <param name="message">Reused for every delivered message; may be shared by parsers of one thread.</param>
    public MqttParser(MqttParserOptions options, MqttCounters counters, MqttMessage message)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(counters);
        ArgumentNullException.ThrowIfNull(message);
        _options = options;
        _counters = counters;
        _message = message;
        _protocolLevel = options.DefaultProtocolLevel;
    }

    /// <summary>Protocol level in use: from the flow's CONNECT, else <see cref="MqttParserOptions.DefaultProtocolLevel"/>.</summary>
    public byte ProtocolLevel => _protocolLevel;

    /// <summary>True when the given direction stopped (gap or broken framing); an unknown direction counts as stopped.</summary>
    public bool IsStopped(FlowDirection direction) => StateFor(direction)?.Stopped ?? true;

    /// <summary>Forgets all state (and returns any pooled buffer) so the instance can serve another flow.</summary>
    public void Reset()
    {
        _toServer.NextMessage();
        _toClient.NextMessage();
        _protocolLevel = _options.DefaultProtocolLevel;
    }

    /// <summary>Feeds the next in-order bytes of one direction.</summary>
    /// <param name="direction">Which stream the bytes belong to.</param>
    /// <param name="data">The bytes; only read during the call.</param>
    /// <param name="observer">Receives decoded messages during the call.</param>
    public void Parse(FlowDirection direction, ReadOnlySpan<byte> data, IMqttObserver observer)
    {
        var state = StateFor(direction);
        if (state is null)
        {
            _counters.UnknownDirection++;
            return;
        }
        while (!data.IsEmpty && !state.Stopped)
        {
            switch (state.Phase)
            {
                case MqttFramePhase.Header:
                    ReadHeader(state, data[0]);
                    data = data[1..];
                    break;
                case MqttFramePhase.Length:
                    ReadLength(state, direction, data[0], observer);
                    data = data[1..];
                    break;
                case MqttFramePhase.Body:
                    data = ReadBody(state, direction, data, observer);
                    break;
                default:
                    var skipped = Math.Min(state.BodyCount, data.Length);
                    data = data[skipped..];
                    state.BodyCount -= skipped;
                    if (state.BodyCount == 0)
                        state.NextMessage();
                    break;
            }
        }
    }

    /// <summary>Reports lost bytes in one direction; message boundaries cannot be recovered, so the direction stops.</summary>
    public void OnGap(FlowDirection direction)
    {
        var state = StateFor(direction);
        if (state is null || state.Stopped)
            return;
        _counters.Gaps++;
        state.Stop();
    }

    private void ReadHeader(MqttStreamState state, byte header)
    {
        if ((header >> 4) == (int)MqttPacketType.Reserved)
        {
            _counters.ReservedTypes++;
            state.Stop();
            return;
        }
        state.Header = header;
        state.Phase = MqttFramePhase.Length;
    }

    private void ReadLength(MqttStreamState state, FlowDirection direction, byte value, IMqttObserver observer)
    {
        state.RemainingLength |= (value & 0x7F) << (7 * state.LengthBytes);
        state.LengthBytes++;
        if ((value & 0x80) != 0)
        {
            // MQTT 3.1.1 §2.2.3: at most four bytes, so a fourth with the continuation bit is malformed.
            if (state.LengthBytes == 4)
            {
                _counters.MalformedLengths++;
                state.Stop();
            }
            return;
        }
        if (state.RemainingLength > _options.MaxMessageBytes)
        {
            _counters.OversizedMessages++;
            state.BodyCount = state.RemainingLength;
            state.Phase = MqttFramePhase.Skip;
            return;
        }
        if (state.RemainingLength == 0)
        {
            Deliver(state, direction, default, observer);
            state.NextMessage();
            return;
        }
        state.Phase = MqttFramePhase.Body;
    }

    private ReadOnlySpan<byte> ReadBody(MqttStreamState state, FlowDirection direction, ReadOnlySpan<byte> data, IMqttObserver observer)
    {
        var length = state.RemainingLength;
        if (state.BodyCount == 0 && data.Length >= length)
        {
            Deliver(state, direction, data[..length], observer);
            state.NextMessage();
            return data[length..];
        }
        var body = state.RentBody(length);
        var take = Math.Min(length - state.BodyCount, data.Length);
        data[..take].CopyTo(body.AsSpan(state.BodyCount));
        state.BodyCount += take;
        if (state.BodyCount == length)
        {
            Deliver(state, direction, body.AsSpan(0, length), observer);
            state.NextMessage();
        }
        return data[take..];
    }

    private void Deliver(MqttStreamState state, FlowDirection direction, ReadOnlySpan<byte> body, IMqttObserver observer)
    {
        var message = _message;
        message.Begin(state.Header, state.RemainingLength, _protocolLevel);
        if (!HasValidFlags(message.Type, message.Flags))
            _counters.InvalidFlags++;
        if (!MqttMessageDecoder.Decode(body, message, _options, _counters))
        {
            _counters.MalformedMessages++;
            return;
        }
        if (message.Type == MqttPacketType.Connect && direction == FlowDirection.ToServer)
            _protocolLevel = message.ProtocolLevel;
        Count(message.Type);
        observer.OnMessage(direction, message);
    }

    /// <summary>MQTT 3.1.1 §2.2.2: PUBREL, SUBSCRIBE and UNSUBSCRIBE carry flags 0010, PUBLISH its own, the rest 0000.</summary>
    private static bool HasValidFlags(MqttPacketType type, byte flags) => type switch
    {
        MqttPacketType.Publish => true,
        MqttPacketType.PubRel or MqttPacketType.Subscribe or MqttPacketType.Unsubscribe => flags == 2,
        _ => flags == 0,
    };

    private void Count(MqttPacketType type)
    {
        _counters.Messages++;
        switch (type)
        {
            case MqttPacketType.Connect: _counters.Connects++; break;
            case MqttPacketType.ConnAck: _counters.ConnAcks++; break;
            case MqttPacketType.Publish: _counters.Publishes++; break;
            case MqttPacketType.PubAck or MqttPacketType.PubRec or MqttPacketType.PubRel or MqttPacketType.PubComp: _counters.PublishAcks++; break;
            case MqttPacketType.Subscribe: _counters.Subscribes++; break;
            case MqttPacketType.Unsubscribe: _counters.Unsubscribes++; break;
            default: _counters.OtherMessages++; break;
        }
    }

    private MqttStreamState? StateFor(FlowDirection direction) => direction switch
    {
        FlowDirection.ToServer => _toServer,
        FlowDirection.ToClient => _toClient,
        _ => null,
    };
}
