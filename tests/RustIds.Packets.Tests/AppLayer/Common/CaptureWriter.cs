namespace RustIds.Packets.AppLayer.Common.Tests;

/// <summary>Writes TCP conversations and UDP datagrams into a pcap file for oracle tests.</summary>
internal sealed class CaptureWriter : IDisposable
{
    private static readonly IpAddr ClientAddress = IpAddr.Parse("10.0.0.1");
    private static readonly IpAddr ServerAddress = IpAddr.Parse("10.0.0.2");

    private readonly PcapFileWriter _writer;
    private long _time = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc).Ticks;

    public CaptureWriter(string path) => _writer = PcapFileWriter.Create(path, LinkType.Ethernet);

    public void Dispose() => _writer.Dispose();

    /// <summary>Handshake, then each segment in order; true = client to server.</summary>
    public void TcpFlow(ushort clientPort, ushort serverPort, IEnumerable<(bool FromClient, byte[] Payload)> segments)
    {
        uint clientSeq = 1000;
        uint serverSeq = 5000;
        Tcp(true, clientPort, serverPort, TcpFlags.Syn, clientSeq++, 0, null);
        Tcp(false, clientPort, serverPort, TcpFlags.Syn | TcpFlags.Ack, serverSeq++, clientSeq, null);
        Tcp(true, clientPort, serverPort, TcpFlags.Ack, clientSeq, serverSeq, null);
        foreach (var (fromClient, payload) in segments)
        {
            if (fromClient)
            {
                Tcp(true, clientPort, serverPort, TcpFlags.Psh | TcpFlags.Ack, clientSeq, serverSeq, payload);
                clientSeq += (uint)payload.Length;
            }
            else
            {
                Tcp(false, clientPort, serverPort, TcpFlags.Psh | TcpFlags.Ack, serverSeq, clientSeq, payload);
                serverSeq += (uint)payload.Length;
            }
        }
    }

    public void Udp(ushort clientPort, ushort serverPort, byte[] payload) =>
        _writer.WritePacket(FrameBuilder.EthernetUdp(ClientAddress, clientPort, ServerAddress, serverPort, payload), _time += 1000);

    private void Tcp(bool fromClient, ushort clientPort, ushort serverPort, TcpFlags flags, uint sequence, uint acknowledgement, byte[]? payload)
    {
        var frame = fromClient
            ? FrameBuilder.EthernetTcp(ClientAddress, clientPort, ServerAddress, serverPort, flags, payload, sequence, acknowledgement)
            : FrameBuilder.EthernetTcp(ServerAddress, serverPort, ClientAddress, clientPort, flags, payload, sequence, acknowledgement);
        _writer.WritePacket(frame, _time += 1000);
    }
}
