using System.Text;

namespace RustIds.Packets.AppLayer.Mqtt.Tests;

/// <summary>A copy of one delivered message in strings.</summary>
internal sealed record MqttSnapshot(
    FlowDirection Direction, MqttPacketType Type, byte Flags, byte Level, string ClientId, string Username, bool HasPassword,
    int PasswordLength, string WillTopic, string WillMessage, string Topic, string Payload, int PayloadLength, byte Qos,
    int PacketId, byte ReasonCode, bool SessionPresent, string Topics, int TopicTotal, ushort KeepAlive, string ProtocolName);

/// <summary>Copies each delivered message.</summary>
internal sealed class MqttRecorder : IMqttObserver
{
    public List<MqttSnapshot> Messages { get; } = [];

    public void OnMessage(FlowDirection direction, MqttMessage m)
    {
        var topics = new List<string>();
        for (var i = 0; i < m.TopicCount; i++)
            topics.Add(Encoding.UTF8.GetString(m.GetTopicFilter(i)) + ":" + m.GetTopicQos(i));
        Messages.Add(new MqttSnapshot(direction, m.Type, m.Flags, m.ProtocolLevel, S(m.ClientId), S(m.Username), m.HasPassword,
            m.PasswordLength, S(m.WillTopic), S(m.WillMessage), S(m.Topic), S(m.Payload), m.PayloadLength, m.Qos,
            m.HasPacketId ? m.PacketId : -1, m.ReasonCode, m.SessionPresent, string.Join(",", topics), m.TopicTotal,
            m.KeepAliveSeconds, S(m.ProtocolName)));
    }

    private static string S(ReadOnlySpan<byte> bytes) => Encoding.UTF8.GetString(bytes);
}
