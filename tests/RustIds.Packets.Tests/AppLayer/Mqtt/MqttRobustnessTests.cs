using RustIds.Packets.AppLayer.Common.Tests;
using static RustIds.Packets.AppLayer.Mqtt.Tests.MqttBytes;

namespace RustIds.Packets.AppLayer.Mqtt.Tests;

[Collection(global::RustIds.Packets.Tests.AllocationCollection.Name)]
public sealed class MqttRobustnessTests
{
    private const int Mutations = 200_000;

    private static readonly byte[][] Seeds =
    [
        MqttParserTests.ClientStream,
        [.. MqttParserTests.ConnAck, .. Packet(0x90, U16(1), [0x01, 0x02]), 0xD0, 0x00],
        [.. Connect("c5", level: 5, username: "u", password: "p", willTopic: "w", willMessage: "bye", properties: [2, 0x21, 0x01]),
         .. MqttBytes.Publish("t/5", "payload", qos: 1, packetId: 3, v5: true), .. MqttBytes.Subscribe(4, true, ("a", 1), ("b", 2)),
         .. Packet(0x40, U16(3), [0x10, 0x00]), .. Packet(0xE0, [0x04, 0x00])],
        MqttBytes.Publish("long", new string('z', 600), qos: 2, packetId: 300),
    ];

    private sealed class CountingObserver : IMqttObserver
    {
        public long Messages;
        public long Bytes;

        public void OnMessage(FlowDirection direction, MqttMessage message)
        {
            Messages++;
            Bytes += message.ClientId.Length + message.Topic.Length + message.Payload.Length + message.Username.Length + message.WillMessage.Length;
            for (var i = 0; i < message.TopicCount; i++)
                Bytes += message.GetTopicFilter(i).Length + message.GetTopicQos(i);
        }
    }

    [Fact]
    public void Parse_SeededMutations_NeverThrowAndCountErrors()
    {
        var counters = new MqttCounters();
        var observer = new CountingObserver();
        var options = new MqttParserOptions { MaxMessageBytes = 256, MaxFieldBytes = 16, MaxPayloadBytes = 32, MaxTopicsPerMessage = 2 };
        var parser = new MqttParser(options, counters);
        var mutator = new Mutator(1883);
        var random = mutator.Random;

        foreach (var seed in Seeds)
        {
            for (var length = 0; length <= seed.Length; length++)
            {
                parser.Reset();
                parser.Parse(FlowDirection.ToServer, seed.AsSpan(0, length), observer);
                parser.OnGap(FlowDirection.ToServer);
            }
        }
        for (var i = 0; i < Mutations; i++)
        {
            parser.Reset();
            var input = mutator.Mutate(Seeds[random.Next(Seeds.Length)]);
            var direction = random.Next(50) == 0 ? FlowDirection.Unknown : (FlowDirection)random.Next(1, 3);
            while (!input.IsEmpty)
            {
                var piece = Math.Min(input.Length, random.Next(1, 64));
                parser.Parse(direction, input[..piece], observer);
                input = input[piece..];
            }
        }

        Assert.True(observer.Messages > Mutations, $"only {observer.Messages} messages");
        Assert.True(counters.MalformedMessages > 0 && counters.MalformedLengths > 0 && counters.ReservedTypes > 0);
        Assert.True(counters.OversizedMessages > 0 && counters.InvalidFlags > 0 && counters.Gaps > 0 && counters.DroppedTopics > 0);
    }

    [Fact]
    public void Parse_WarmParser_AllocatesNothing()
    {
        var counters = new MqttCounters();
        var observer = new CountingObserver();
        var parser = new MqttParser(MqttParserOptions.Default, counters);
        var client = MqttParserTests.ClientStream;
        var v5 = Seeds[2];

        void RunFlows(int flows)
        {
            for (var i = 0; i < flows; i++)
            {
                parser.Reset();
                // Pieces of 7 bytes make most messages span segments, so the pooled buffer is used.
                for (var offset = 0; offset < client.Length; offset += 7)
                    parser.Parse(FlowDirection.ToServer, client.AsSpan(offset, Math.Min(7, client.Length - offset)), observer);
                parser.Parse(FlowDirection.ToClient, MqttParserTests.ConnAck, observer);
                parser.Reset();
                parser.Parse(FlowDirection.ToServer, v5, observer);
            }
        }

        RunFlows(100);
        var before = GC.GetAllocatedBytesForCurrentThread();
        RunFlows(5_000);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.Equal(5_100 * 12, observer.Messages);
        Assert.Equal(0, counters.Errors);
    }
}
