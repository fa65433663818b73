namespace RustIds.Packets.AppLayer.Mqtt;

/// <summary>Decodes the body of a CONNECT packet (MQTT 3.1.1 §3.1, 5.0 §3.1).</summary>
internal static class MqttConnectDecoder
{
    /// <summary>Fills the CONNECT fields of <paramref name="message"/>; false when the body is malformed.</summary>
    public static bool Decode(ReadOnlySpan<byte> body, MqttMessage message, MqttParserOptions options, MqttCounters counters)
    {
        var reader = new MqttReader(body);
        if (!reader.TryReadLengthPrefixed(out var name) || !reader.TryReadByte(out var level)
            || !reader.TryReadByte(out var flags) || !reader.TryReadUInt16(out var keepAlive))
        {
            return false;
        }
        message.ProtocolNameField = message.Copy(name, options.MaxFieldBytes);
        message.ConnectFlags = flags;
        message.KeepAliveSeconds = keepAlive;
        // The CONNECT itself is decoded with the level it announces; unknown levels as 3.1.1.
        var isV5 = level == 5;
        message.SetProtocolLevel(level is >= 3 and <= 5 ? level : (byte)4);
        if ((flags & 0x01) != 0 || ((flags & 0x04) == 0 && (flags & 0x38) != 0) || ((flags >> 3) & 3) == 3)
            counters.InvalidFlags++;
        if (isV5 && !reader.TrySkipProperties())
            return false;
        if (!reader.TryReadLengthPrefixed(out var clientId))
            return false;
        message.ClientIdField = CopyField(message, clientId, options, counters);
        if ((flags & 0x04) != 0)
        {
            if (isV5 && !reader.TrySkipProperties())
                return false;
            if (!reader.TryReadLengthPrefixed(out var willTopic) || !reader.TryReadLengthPrefixed(out var willMessage))
                return false;
            message.WillTopicField = CopyField(message, willTopic, options, counters);
            if (willMessage.Length > options.MaxPayloadBytes)
                counters.TruncatedPayloads++;
            message.WillMessageField = message.Copy(willMessage, options.MaxPayloadBytes);
        }
        if ((flags & 0x80) != 0)
        {
            if (!reader.TryReadLengthPrefixed(out var username))
                return false;
            message.UsernameField = CopyField(message, username, options, counters);
        }
        if ((flags & 0x40) != 0)
        {
            // The password is only measured: it must never reach logs, alerts or rules.
            if (!reader.TryReadLengthPrefixed(out var password))
                return false;
            message.PasswordLength = password.Length;
        }
        return true;
    }

    /// <summary>Copies a string field, cut at <see cref="MqttParserOptions.MaxFieldBytes"/> and counted when cut.</summary>
    public static MqttField CopyField(MqttMessage message, ReadOnlySpan<byte> value, MqttParserOptions options, MqttCounters counters)
    {
        if (value.Length > options.MaxFieldBytes)
            counters.TruncatedFields++;
        return message.Copy(value, options.MaxFieldBytes);
    }
}
