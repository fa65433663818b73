using System.Text;
using RustIds.Packets;
using RustIds.Testing;

namespace RustIds.Benchmarks;

/// <summary>Inputs generated in memory (no committed pcaps) and paths of the shared data.</summary>
internal static class BenchmarkData
{
    public static string RepoRoot => RepoPaths.Root;

    public static string SharedData => RepoPaths.SharedData;

    /// <summary><paramref name="frames"/> frames of scripts/gen-pcap.py's bench mix (seed 1), generated into <paramref name="directory"/> and held in memory.</summary>
    public static MemoryPacketSource BenchMix(string directory, int frames)
    {
        var source = new MemoryPacketSource();
        using var file = PcapFileSource.Open(GeneratedCapture.Create(directory, "bench", frames));
        while (file.ReadNext(out var frame) == PacketReadResult.Packet)
            source.Add(frame.Data.ToArray(), frame.TimestampTicks);
        return source;
    }

    /// <summary>HTTP conversations: handshake, then request/response pairs, as Ethernet frames.</summary>
    public static MemoryPacketSource HttpConversations(int flows, int requestsPerFlow)
    {
        var source = new MemoryPacketSource();
        var client = IpAddr.Parse("10.1.0.5");
        var server = IpAddr.Parse("10.1.0.1");
        var request = Encoding.ASCII.GetBytes("GET /products/list?page=2&sort=price HTTP/1.1\r\nHost: shop.example\r\nUser-Agent: Mozilla/5.0\r\nAccept: */*\r\n\r\n");
        var response = Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 512\r\n\r\n" + new string('x', 512));
        long time = new DateTimeOffset(2026, 12, 4, 12, 0, 0, TimeSpan.Zero).UtcTicks;
        for (var f = 0; f < flows; f++)
        {
            var port = (ushort)(20000 + f);
            source.Add(FrameBuilder.EthernetTcp(client, port, server, 80, TcpFlags.Syn, sequence: 1), time++);
            source.Add(FrameBuilder.EthernetTcp(server, 80, client, port, TcpFlags.Syn | TcpFlags.Ack, sequence: 1, acknowledgement: 2), time++);
            source.Add(FrameBuilder.EthernetTcp(client, port, server, 80, TcpFlags.Ack, sequence: 2, acknowledgement: 2), time++);
            for (var r = 0; r < requestsPerFlow; r++)
            {
                source.Add(FrameBuilder.EthernetTcp(client, port, server, 80, TcpFlags.Ack | TcpFlags.Psh, request, 2, 2), time++);
                source.Add(FrameBuilder.EthernetTcp(server, 80, client, port, TcpFlags.Ack | TcpFlags.Psh, response, 2, 2), time++);
            }
        }
        return source;
    }
}
