using System.Text;
using RustIds.Packets.AppLayer.Common.Tests;
using RustIds.Testing;
using static RustIds.Packets.AppLayer.Mqtt.Tests.MqttBytes;

namespace RustIds.Packets.AppLayer.Mqtt.Tests;

/// <summary>Compares message type, client id, user name, will topic, topics and packet ids with Wireshark's MQTT dissector.</summary>
public sealed class MqttTsharkOracleTests
{
    private const int Flows = 30;

    [SkippableFact]
    public void Parse_RandomConversations_FieldsMatchTshark()
    {
        Skip.IfNot(ExternalTool.Exists(ExternalTool.Tshark), "tshark is not installed");
        var random = new Random(311);
        using var directory = new TempDirectory();
        var pcap = directory.File("mqtt.pcap");
        var ours = new List<string>();
        using (var capture = new CaptureWriter(pcap))
        {
            for (var flow = 0; flow < Flows; flow++)
            {
                var segments = RandomConversation(random, flow);
                capture.TcpFlow((ushort)(40000 + flow), 1883, segments);
                var recorder = new MqttRecorder();
                var parser = new MqttParser(MqttParserOptions.Default, new MqttCounters());
                foreach (var (fromClient, payload) in segments)
                    parser.Parse(fromClient ? FlowDirection.ToServer : FlowDirection.ToClient, payload, recorder);
                Assert.Equal(segments.Count, recorder.Messages.Count);
                ours.AddRange(recorder.Messages.Select(Line));
            }
        }

        var theirs = ExternalTool.TsharkFields(pcap, "mqtt", "mqtt.msgtype", "mqtt.clientid", "mqtt.username", "mqtt.willtopic", "mqtt.topic", "mqtt.msgid");

        Assert.Equal(theirs.Length, ours.Count);
        Assert.Equal(theirs, ours);
    }

    private static string Line(MqttSnapshot m)
    {
        var topic = m.Type == MqttPacketType.Publish ? m.Topic : string.Join(",", m.Topics.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(t => t[..t.LastIndexOf(':')]));
        return $"{(int)m.Type}|{m.ClientId}|{m.Username}|{m.WillTopic}|{topic}|{(m.PacketId >= 0 ? m.PacketId : "")}";
    }

    private static List<(bool FromClient, byte[] Payload)> RandomConversation(Random random, int flow)
    {
        byte level = flow % 3 == 0 ? (byte)5 : (byte)4;
        var v5 = level == 5;
        var segments = new List<(bool, byte[])>
        {
            (true, Connect(Word(random, 1, 20), level, random.Next(2) == 0 ? Word(random, 1, 10) : null, "pw",
                random.Next(2) == 0 ? TopicName(random) : null, "bye", v5 ? [5, 0x11, 0, 0, 0, 30] : null)),
            (false, v5 ? [0x20, 0x03, 0x00, 0x00, 0x00] : [0x20, 0x02, 0x00, 0x00]),
        };
        for (var i = random.Next(1, 5); i > 0; i--)
        {
            var qos = random.Next(3);
            segments.Add((true, MqttBytes.Publish(TopicName(random), Word(random, 0, 40), qos, random.Next(1, 65535), v5)));
        }
        var filters = Enumerable.Range(0, random.Next(1, 4)).Select(_ => (TopicName(random) + "/#", (byte)random.Next(3))).ToArray();
        segments.Add((true, MqttBytes.Subscribe(random.Next(1, 65535), v5, filters)));
        if (!v5)
            segments.Add((true, MqttBytes.Unsubscribe(random.Next(1, 65535), filters.Select(f => f.Item1).ToArray())));
        return segments;
    }

    private static string TopicName(Random random) =>
        string.Join("/", Enumerable.Range(0, random.Next(1, 4)).Select(_ => Word(random, 1, 8)));

    private static string Word(Random random, int min, int max)
    {
        var builder = new StringBuilder();
        for (var i = random.Next(min, max + 1); i > 0; i--)
            builder.Append((char)random.Next('a', 'z' + 1));
        return builder.ToString();
    }
}
