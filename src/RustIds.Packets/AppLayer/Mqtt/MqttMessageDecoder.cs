namespace RustIds.Packets.AppLayer.Mqtt;

/// <summary>Decodes the variable header and payload of one MQTT control packet into a reused <see cref="MqttMessage"/>.</summary>
internal static class MqttMessageDecoder
{
    /// <summary>Fills <paramref name="message"/> (already begun with the fixed header); false when the body is malformed.</summary>
    public static bool Decode(ReadOnlySpan<byte> body, MqttMessage message, MqttParserOptions options, MqttCounters counters)
    {
        var isV5 = message.ProtocolLevel == 5;
        var reader = new MqttReader(body);
        switch (message.Type)
        {
            case MqttPacketType.Connect:
                return MqttConnectDecoder.Decode(body, message, options, counters);
            case MqttPacketType.ConnAck:
                if (!reader.TryReadByte(out var ackFlags) || !reader.TryReadByte(out var code))
                    return false;
                message.SessionPresent = (ackFlags & 1) != 0;
                message.ReasonCode = code;
                return !isV5 || reader.IsEmpty || reader.TrySkipProperties();
            case MqttPacketType.Publish:
                return DecodePublish(ref reader, message, isV5, options, counters);
            case MqttPacketType.PubAck or MqttPacketType.PubRec or MqttPacketType.PubRel or MqttPacketType.PubComp:
                return ReadPacketId(ref reader, message) && ReadOptionalReason(ref reader, message, isV5);
            case MqttPacketType.Subscribe or MqttPacketType.Unsubscribe:
                return DecodeTopicList(ref reader, message, isV5, options, counters);
            case MqttPacketType.SubAck or MqttPacketType.UnsubAck:
                // 3.1.1 UNSUBACK has no payload; SUBACK and 5.0 acks carry one reason code per filter.
                if (!ReadPacketId(ref reader, message) || (isV5 && !reader.TrySkipProperties()))
                    return false;
                if (reader.TryReadByte(out var first))
                    message.ReasonCode = first;
                return true;
            case MqttPacketType.Disconnect or MqttPacketType.Auth:
                return ReadOptionalReason(ref reader, message, isV5);
            default:
                return true;
        }
    }

    private static bool DecodePublish(ref MqttReader reader, MqttMessage message, bool isV5, MqttParserOptions options, MqttCounters counters)
    {
        if (message.Qos == 3 || !reader.TryReadLengthPrefixed(out var topic))
            return false;
        message.TopicField = MqttConnectDecoder.CopyField(message, topic, options, counters);
        if (message.Qos > 0 && !ReadPacketId(ref reader, message))
            return false;
        if (isV5 && !reader.TrySkipProperties())
            return false;
        var payload = reader.Rest;
        message.PayloadLength = payload.Length;
        if (payload.Length > options.MaxPayloadBytes)
            counters.TruncatedPayloads++;
        message.PayloadField = message.Copy(payload, options.MaxPayloadBytes);
        return true;
    }

    private static bool DecodeTopicList(ref MqttReader reader, MqttMessage message, bool isV5, MqttParserOptions options, MqttCounters counters)
    {
        if (!ReadPacketId(ref reader, message) || (isV5 && !reader.TrySkipProperties()))
            return false;
        var subscribe = message.Type == MqttPacketType.Subscribe;
        while (!reader.IsEmpty)
        {
            if (!reader.TryReadLengthPrefixed(out var filter))
                return false;
            byte topicOptions = 0;
            if (subscribe && !reader.TryReadByte(out topicOptions))
                return false;
            message.TopicTotal++;
            if (message.TopicCount >= options.MaxTopicsPerMessage)
            {
                counters.DroppedTopics++;
                continue;
            }
            message.AddTopic(MqttConnectDecoder.CopyField(message, filter, options, counters), topicOptions);
        }
        // MQTT 3.1.1 §3.8.3 and §3.10.3: at least one topic filter.
        return message.TopicTotal > 0;
    }

    private static bool ReadPacketId(ref MqttReader reader, MqttMessage message)
    {
        if (!reader.TryReadUInt16(out var packetId))
            return false;
        message.PacketId = packetId;
        message.HasPacketId = true;
        return true;
    }

    /// <summary>MQTT 5.0: an optional reason code, then optional properties (both absent means success).</summary>
    private static bool ReadOptionalReason(ref MqttReader reader, MqttMessage message, bool isV5)
    {
        if (!isV5 || reader.IsEmpty)
            return true;
        _ = reader.TryReadByte(out var code);
        message.ReasonCode = code;
        return reader.IsEmpty || reader.TrySkipProperties();
    }
}
