using System.Text;
using RustIds.Packets;

namespace RustIds.Rules.Tests.Evaluation;

/// <summary>A TCP connection as Ethernet frames: handshake, data each way with correct sequence numbers, FIN.</summary>
internal sealed class Conversation
{
    private readonly IpAddr _client;
    private readonly IpAddr _server;
    private readonly ushort _clientPort;
    private readonly ushort _serverPort;
    private uint _clientSeq = 1000;
    private uint _serverSeq = 5000;

    public Conversation(string client = "10.0.0.5", string server = "198.51.100.7", ushort clientPort = 41000, ushort serverPort = 80)
    {
        _client = IpAddr.Parse(client);
        _server = IpAddr.Parse(server);
        _clientPort = clientPort;
        _serverPort = serverPort;
    }

    public List<byte[]> Frames { get; } = [];

    public Conversation Handshake()
    {
        Add(toServer: true, TcpFlags.Syn, default);
        _clientSeq++;
        Add(toServer: false, TcpFlags.Syn | TcpFlags.Ack, default);
        _serverSeq++;
        Add(toServer: true, TcpFlags.Ack, default);
        return this;
    }

    public Conversation Client(string text) => Send(toServer: true, Encoding.Latin1.GetBytes(text));

    public Conversation Server(string text) => Send(toServer: false, Encoding.Latin1.GetBytes(text));

    public Conversation Send(bool toServer, byte[] data)
    {
        Add(toServer, TcpFlags.Psh | TcpFlags.Ack, data);
        if (toServer)
            _clientSeq += (uint)data.Length;
        else
            _serverSeq += (uint)data.Length;
        // The receiver's ACK, so reassembly knows the bytes arrived.
        Add(!toServer, TcpFlags.Ack, default);
        return this;
    }

    /// <summary>Two segments of one side sent in reverse order, then the receiver's ACK of both.</summary>
    public Conversation SendReversed(bool toServer, string first, string second)
    {
        var (a, b) = (Encoding.Latin1.GetBytes(first), Encoding.Latin1.GetBytes(second));
        var start = toServer ? _clientSeq : _serverSeq;
        SetSequence(toServer, start + (uint)a.Length);
        Add(toServer, TcpFlags.Psh | TcpFlags.Ack, b);
        SetSequence(toServer, start);
        Add(toServer, TcpFlags.Psh | TcpFlags.Ack, a);
        SetSequence(toServer, start + (uint)(a.Length + b.Length));
        Add(!toServer, TcpFlags.Ack, default);
        return this;
    }

    /// <summary>Bytes the capture never sees: the sender's sequence moves on, so the next segment leaves a hole.</summary>
    public Conversation Lose(bool toServer, int bytes)
    {
        SetSequence(toServer, (toServer ? _clientSeq : _serverSeq) + (uint)bytes);
        return this;
    }

    public Conversation Close()
    {
        Add(toServer: true, TcpFlags.Fin | TcpFlags.Ack, default);
        _clientSeq++;
        Add(toServer: false, TcpFlags.Fin | TcpFlags.Ack, default);
        _serverSeq++;
        Add(toServer: true, TcpFlags.Ack, default);
        return this;
    }

    private void SetSequence(bool toServer, uint sequence)
    {
        if (toServer)
            _clientSeq = sequence;
        else
            _serverSeq = sequence;
    }

    private void Add(bool toServer, TcpFlags flags, ReadOnlySpan<byte> payload)
    {
        var (source, destination) = toServer ? (_client, _server) : (_server, _client);
        var (sourcePort, destinationPort) = toServer ? (_clientPort, _serverPort) : (_serverPort, _clientPort);
        var (seq, ack) = toServer ? (_clientSeq, _serverSeq) : (_serverSeq, _clientSeq);
        var tcp = FrameBuilder.Tcp(source, destination, sourcePort, destinationPort, flags, seq, (flags & TcpFlags.Ack) != 0 ? ack : 0, payload);
        Frames.Add(FrameBuilder.Ethernet(FrameBuilder.Ip(source, destination, IpProtocol.Tcp, tcp)));
    }
}
