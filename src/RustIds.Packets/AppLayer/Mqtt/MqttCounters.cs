namespace RustIds.Packets.AppLayer.Mqtt;

/// <summary>What the MQTT parsers of one capture worker saw, as plain counters.</summary>
/// <remarks>Not thread-safe: one writer thread (the worker); readers tolerate torn snapshots.</remarks>
public sealed class MqttCounters
{
    /// <summary>Messages decoded and delivered, all types.</summary>
    public long Messages;

    /// <summary>CONNECT messages delivered.</summary>
    public long Connects;

    /// <summary>CONNACK messages delivered.</summary>
    public long ConnAcks;

    /// <summary>PUBLISH messages delivered.</summary>
    public long Publishes;

    /// <summary>PUBACK, PUBREC, PUBREL and PUBCOMP messages delivered.</summary>
    public long PublishAcks;

    /// <summary>SUBSCRIBE messages delivered.</summary>
    public long Subscribes;

    /// <summary>UNSUBSCRIBE messages delivered.</summary>
    public long Unsubscribes;

    /// <summary>Other messages delivered (SUBACK, UNSUBACK, PINGREQ, PINGRESP, DISCONNECT, AUTH).</summary>
    public long OtherMessages;

    /// <summary>Remaining-length fields with a fifth length byte (MQTT 3.1.1 §2.2.3 allows four); the direction stops.</summary>
    public long MalformedLengths;

    /// <summary>Messages whose fields do not fit their remaining length (or are missing); skipped, framing continues.</summary>
    public long MalformedMessages;

    /// <summary>Messages with reserved fixed-header or connect-flag bits set wrongly; still delivered.</summary>
    public long InvalidFlags;

    /// <summary>Messages of the forbidden type 0; the stream is not MQTT or out of sync, so the direction stops.</summary>
    public long ReservedTypes;

    /// <summary>Messages longer than <see cref="MqttParserOptions.MaxMessageBytes"/>; skipped without buffering.</summary>
    public long OversizedMessages;

    /// <summary>String fields longer than <see cref="MqttParserOptions.MaxFieldBytes"/>, kept cut (informational).</summary>
    public long TruncatedFields;

    /// <summary>Payloads or will messages longer than <see cref="MqttParserOptions.MaxPayloadBytes"/>, kept cut (informational).</summary>
    public long TruncatedPayloads;

    /// <summary>Topic filters beyond <see cref="MqttParserOptions.MaxTopicsPerMessage"/>, walked but not kept.</summary>
    public long DroppedTopics;

    /// <summary>Directions that lost bytes; message boundaries cannot be recovered, so the direction stops.</summary>
    public long Gaps;

    /// <summary>Data passed with <see cref="FlowDirection.Unknown"/>; ignored.</summary>
    public long UnknownDirection;

    /// <summary>Sum of the error counters (not the informational ones).</summary>
    public long Errors => MalformedLengths + MalformedMessages + InvalidFlags + ReservedTypes + OversizedMessages + DroppedTopics + Gaps + UnknownDirection;
}
