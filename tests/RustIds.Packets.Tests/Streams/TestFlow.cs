using System.Text;
using RustIds.Packets.Streams;

namespace RustIds.Packets.Tests.Streams;

/// <summary>One TCP connection fed segment by segment; offsets are relative to each side's ISN + 1.</summary>
internal sealed class TestFlow
{
    public TestFlow(ReassemblyOptions? options = null, uint clientIsn = 1000, uint serverIsn = 900_000, long? memcapBytes = null)
    {
        Options = options ?? new ReassemblyOptions();
        Memory = new ReassemblyMemory(memcapBytes ?? Options.MemcapBytes);
        Counters = new ReassemblyCounters();
        Reassembler = new TcpReassembler(Options, Memory, Counters);
        ClientIsn = clientIsn;
        ServerIsn = serverIsn;
    }

    public ReassemblyOptions Options { get; }

    public ReassemblyMemory Memory { get; }

    public ReassemblyCounters Counters { get; }

    public TcpReassembler Reassembler { get; }

    public RecordingSink Sink { get; } = new();

    public uint ClientIsn { get; }

    public uint ServerIsn { get; }

    public string ClientText => Sink.Text(FlowDirection.ToServer);

    public string ServerText => Sink.Text(FlowDirection.ToClient);

    public long this[ReassemblyCounter counter] => Counters.Get(counter);

    /// <summary>SYN, SYN-ACK, ACK.</summary>
    public TestFlow Handshake()
    {
        Send(FlowDirection.ToServer, ClientIsn, 0, TcpFlags.Syn, []);
        Send(FlowDirection.ToClient, ServerIsn, ClientIsn + 1, TcpFlags.Syn | TcpFlags.Ack, []);
        Send(FlowDirection.ToServer, ClientIsn + 1, ServerIsn + 1, TcpFlags.Ack, []);
        return this;
    }

    /// <summary>Client data at <paramref name="offset"/> of the client's stream, acknowledging nothing new.</summary>
    public void Client(long offset, string text, TcpFlags flags = TcpFlags.Ack | TcpFlags.Psh) =>
        Send(FlowDirection.ToServer, ClientIsn + 1 + (uint)offset, ServerIsn + 1, flags, Encoding.ASCII.GetBytes(text));

    public void Server(long offset, string text, TcpFlags flags = TcpFlags.Ack | TcpFlags.Psh) =>
        Send(FlowDirection.ToClient, ServerIsn + 1 + (uint)offset, ClientIsn + 1, flags, Encoding.ASCII.GetBytes(text));

    /// <summary>A pure ACK from the server acknowledging <paramref name="clientOffset"/> bytes of the client's stream.</summary>
    public void ServerAcks(long clientOffset) =>
        Send(FlowDirection.ToClient, ServerIsn + 1, ClientIsn + 1 + (uint)clientOffset, TcpFlags.Ack, []);

    public void Send(FlowDirection direction, uint seq, uint ack, TcpFlags flags, byte[] payload)
    {
        var sink = Sink;
        Reassembler.Process(direction, seq, ack, flags, payload, ref sink);
    }
}
