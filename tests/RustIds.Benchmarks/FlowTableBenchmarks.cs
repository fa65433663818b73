using BenchmarkDotNet.Attributes;
using RustIds.Packets;

namespace RustIds.Benchmarks;

/// <summary>
/// <see cref="FlowTracker.Track"/> over pre-decoded packets of many flows; one operation tracks
/// <see cref="Packets"/> packets, so ns/packet = mean / 100 000.
/// </summary>
[MemoryDiagnoser]
public class FlowTableBenchmarks
{
    public const int Packets = 100_000;
    private PacketFields[] _packets = null!;
    private FlowTracker _tracker = null!;

    /// <summary>Concurrent flows the packets are spread over; the table holds 65 536.</summary>
    [Params(1_000, 50_000, 200_000)]
    public int Flows { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(7);
        _packets = new PacketFields[Packets];
        for (var i = 0; i < Packets; i++)
        {
            var flow = random.Next(Flows);
            var fromClient = random.Next(2) == 0;
            var client = IpAddr.FromV4(0x0A000000u + (uint)(flow >> 8));
            var server = IpAddr.FromV4(0xC0A80001u);
            var clientPort = (ushort)(10000 + (flow & 0xFF));
            _packets[i] = fromClient
                ? new PacketFields(client, clientPort, server, 443, i)
                : new PacketFields(server, 443, client, clientPort, i);
        }
        _tracker = new FlowTracker();
    }

    [Benchmark(Description = "track 100 000 packets")]
    public int Track()
    {
        var established = 0;
        foreach (var fields in _packets)
        {
            var packet = new Packet
            {
                TimestampTicks = fields.Ticks,
                WireLength = 100,
                Source = fields.Source,
                Destination = fields.Destination,
                SourcePort = fields.SourcePort,
                DestinationPort = fields.DestinationPort,
                Protocol = IpProtocol.Udp,
            };
            _tracker.Track(ref packet);
            established += packet.FlowEstablished ? 1 : 0;
        }
        return established;
    }

    private readonly record struct PacketFields(IpAddr Source, ushort SourcePort, IpAddr Destination, ushort DestinationPort, long Ticks);
}
