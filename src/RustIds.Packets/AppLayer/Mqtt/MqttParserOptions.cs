namespace RustIds.Packets.AppLayer.Mqtt;

/// <summary>Limits of the MQTT parser; every buffer it keeps is bounded by one of these.</summary>
/// <remarks>
/// Brokers commonly cap messages at a few hundred KiB (Mosquitto's default is unlimited, AWS IoT
/// allows 128 KiB); the defaults inspect all of that while bounding what one flow can make the
/// worker hold.
/// </remarks>
public sealed record MqttParserOptions
{
    /// <summary>Default options.</summary>
    public static MqttParserOptions Default { get; } = new();

    /// <summary>Largest message (remaining length) buffered across segments and decoded, in bytes (default 262,144).</summary>
    /// <remarks>A longer message is skipped without buffering and counted in <see cref="MqttCounters.OversizedMessages"/>.</remarks>
    public int MaxMessageBytes { get; init; } = 256 * 1024;

    /// <summary>Bytes kept of a string field: client id, user name, will topic, topic names and filters (default 1,024).</summary>
    /// <remarks>Longer fields are kept cut and counted in <see cref="MqttCounters.TruncatedFields"/>.</remarks>
    public int MaxFieldBytes { get; init; } = 1024;

    /// <summary>Bytes kept of a PUBLISH payload or will message (default 8,192).</summary>
    /// <remarks>The true length is still reported; see <see cref="MqttMessage.PayloadLength"/>.</remarks>
    public int MaxPayloadBytes { get; init; } = 8192;

    /// <summary>Topic filters kept per SUBSCRIBE or UNSUBSCRIBE (default 64); further ones are counted, not kept.</summary>
    public int MaxTopicsPerMessage { get; init; } = 64;

    /// <summary>Protocol level assumed until a CONNECT is seen (default 4 = MQTT 3.1.1; 5 enables properties).</summary>
    /// <remarks>Only matters for flows picked up mid-stream.</remarks>
    public byte DefaultProtocolLevel { get; init; } = 4;

    /// <summary>Lists every invalid setting; empty when the options are usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (MaxMessageBytes is < 64 or > 268_435_455)
            problems.Add($"{nameof(MaxMessageBytes)} must be between 64 and 268435455 (was {MaxMessageBytes}).");
        if (MaxFieldBytes is < 16 or > 65535)
            problems.Add($"{nameof(MaxFieldBytes)} must be between 16 and 65535 (was {MaxFieldBytes}).");
        if (MaxPayloadBytes is < 0 or > (1 << 24))
            problems.Add($"{nameof(MaxPayloadBytes)} must be between 0 and 16777216 (was {MaxPayloadBytes}).");
        if (MaxTopicsPerMessage is < 1 or > 65535)
            problems.Add($"{nameof(MaxTopicsPerMessage)} must be between 1 and 65535 (was {MaxTopicsPerMessage}).");
        if (DefaultProtocolLevel is < 3 or > 5)
            problems.Add($"{nameof(DefaultProtocolLevel)} must be 3, 4 or 5 (was {DefaultProtocolLevel}).");
        return problems;
    }
}
