using RustIds.Packets.AppLayer;
using RustIds.Packets.Processing;

namespace RustIds.Packets.Tests.Processing;

/// <summary>TCP sessions come from a pool and go back when both streams end; the flow keeps its protocol and counts late segments as the reassembler would.</summary>
public sealed class SessionPoolTests
{
    private static readonly IpAddr Client = Frames.ClientV4;
    private static readonly IpAddr Server = Frames.ServerV4;
    private static readonly byte[] Request = "GET /index.html HTTP/1.1\r\nHost: example.com\r\n\r\n"u8.ToArray();
    private static readonly byte[] Response = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhi"u8.ToArray();

    [Fact]
    public void Process_ThousandConnectionsOneAfterAnother_OneSessionServesThemAll()
    {
        var run = new Run();
        for (ushort i = 0; i < 1000; i++)
            run.Connection((ushort)(20000 + i), close: true);

        Assert.Equal(1000, run.Counter("app_layer", "tx_http"));
        Assert.Equal(1000, run.Counter("flows", "created"));
        Assert.Equal(1, run.Processor.SessionsCreated);
    }

    [Fact]
    public void Process_ConnectionsLeftOpen_OneSessionEach()
    {
        var run = new Run();
        for (ushort i = 0; i < 10; i++)
            run.Connection((ushort)(20000 + i), close: false);

        Assert.Equal(10, run.Processor.SessionsCreated);
        run.Processor.Flush();
        run.Connection(30000, close: false);
        Assert.Equal(10, run.Processor.SessionsCreated);
    }

    [Fact]
    public void Process_SegmentsAfterBothDirectionsClosed_CountedAsTheReassemblerWouldAndProtocolKept()
    {
        var run = new Run();
        run.Connection(20000, close: true);
        var retransmittedBefore = run.Counter("reassembly", "segments_retransmitted");

        // The client's request again (its ACK was lost), then bytes past its FIN, then a RST far outside the window.
        var retransmission = run.Send(Client, 20000, Server, 80, TcpFlags.Ack | TcpFlags.Psh, Request, 1001, 5001 + (uint)Response.Length + 1);
        var afterEnd = run.Send(Client, 20000, Server, 80, TcpFlags.Ack | TcpFlags.Psh, "more"u8, 1001 + (uint)Request.Length + 1, 0);
        run.Send(Client, 20000, Server, 80, TcpFlags.Rst, default, 1001 + 10_000_000, 0);

        Assert.Equal(AppProtocol.Http, retransmission);
        Assert.Equal(AppProtocol.Http, afterEnd);
        Assert.Equal(retransmittedBefore + 1, run.Counter("reassembly", "segments_retransmitted"));
        Assert.Equal(1, run.Counter("reassembly", "data_after_end"));
        Assert.Equal(1, run.Counter("reassembly", "rst_ignored"));
        Assert.Equal(1, run.Counter("app_layer", "tx_http"));
    }

    [Fact]
    public void Process_UdpFlows_NoTcpSessionAndDnsStillParsed()
    {
        var run = new Run();
        byte[] query = [0x12, 0x34, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0, 7, (byte)'e', (byte)'x', (byte)'a', (byte)'m', (byte)'p', (byte)'l', (byte)'e', 3, (byte)'c', (byte)'o', (byte)'m', 0, 0, 1, 0, 1];
        for (ushort i = 0; i < 5; i++)
            Assert.Equal(AppProtocol.Dns, run.SendUdp((ushort)(40000 + i), 53, query));

        Assert.Equal(0, run.Processor.SessionsCreated);
        Assert.Equal(5, run.Counter("app_layer", "tx_dns"));
        Assert.Equal(5, run.Counter("app_layer", "flows_dns"));
    }

    private sealed class Run
    {
        private long _ticks = Frames.BaseTicks;

        public PacketProcessor Processor { get; } = new(LinkType.Ethernet);

        public long Counter(string group, string name)
        {
            var snapshot = new CounterSnapshot();
            Processor.AddTo(snapshot);
            return snapshot.Get(group, name);
        }

        /// <summary>Handshake, one request and response, and (when <paramref name="close"/>) FIN from each side.</summary>
        public void Connection(ushort clientPort, bool close)
        {
            const uint ClientIsn = 1000, ServerIsn = 5000;
            var clientNext = ClientIsn + 1 + (uint)Request.Length;
            var serverNext = ServerIsn + 1 + (uint)Response.Length;
            Send(Client, clientPort, Server, 80, TcpFlags.Syn, default, ClientIsn, 0);
            Send(Server, 80, Client, clientPort, TcpFlags.Syn | TcpFlags.Ack, default, ServerIsn, ClientIsn + 1);
            Send(Client, clientPort, Server, 80, TcpFlags.Ack | TcpFlags.Psh, Request, ClientIsn + 1, ServerIsn + 1);
            Send(Server, 80, Client, clientPort, TcpFlags.Ack | TcpFlags.Psh, Response, ServerIsn + 1, clientNext);
            if (!close)
                return;
            Send(Client, clientPort, Server, 80, TcpFlags.Fin | TcpFlags.Ack, default, clientNext, serverNext);
            Send(Server, 80, Client, clientPort, TcpFlags.Fin | TcpFlags.Ack, default, serverNext, clientNext + 1);
        }

        public AppProtocol Send(IpAddr source, ushort sourcePort, IpAddr destination, ushort destinationPort, TcpFlags flags,
            ReadOnlySpan<byte> payload, uint sequence, uint acknowledgement) =>
            Process(FrameBuilder.EthernetTcp(source, sourcePort, destination, destinationPort, flags, payload, sequence, acknowledgement));

        public AppProtocol SendUdp(ushort sourcePort, ushort destinationPort, ReadOnlySpan<byte> payload) =>
            Process(FrameBuilder.EthernetUdp(Client, sourcePort, Server, destinationPort, payload));

        private AppProtocol Process(byte[] frame)
        {
            var handler = new ProtocolHandler();
            _ticks += TimeSpan.TicksPerMillisecond;
            Processor.Process(new RawFrame(frame, _ticks, frame.Length), ref handler);
            return handler.Protocol;
        }
    }

    private struct ProtocolHandler : IPacketHandler
    {
        public AppProtocol Protocol;

        public void OnPacket(ref Packet packet) => Protocol = packet.AppProtocol;
    }
}
