using System.Buffers;
using RustIds.Packets.AppLayer;
using RustIds.Packets.AppLayer.Coap;
using RustIds.Packets.AppLayer.Dns;
using RustIds.Packets.AppLayer.Http;
using RustIds.Packets.AppLayer.Mqtt;
using RustIds.Packets.AppLayer.Ssh;
using RustIds.Packets.AppLayer.Tls;
using RustIds.Packets.Streams;

namespace RustIds.Packets.Processing;

/// <summary>The app-layer side of one TCP connection: its two streams, protocol detection and the parser it was given.</summary>
/// <remarks>
/// Rented from the worker's pool when a TCP flow starts and given back as soon as both directions ended (or the flow
/// ends), so there are about as many as there are open connections, not one per flow-table slot; steady state
/// allocates nothing. Until the protocol is known, a direction's first bytes are kept (up to
/// <see cref="MaxProbeBytes"/>, in a pooled buffer, only when one segment was not enough to decide) and handed to the
/// parser once detection succeeds, so no byte is lost to detection.
/// </remarks>
internal sealed class FlowSession : IStreamSink, IHttpObserver, ITlsObserver, IDnsObserver, ISshObserver, IMqttObserver
{
    /// <summary>Bytes of one direction probed before detection gives up on it.</summary>
    public const int MaxProbeBytes = 1024;

    private readonly SessionServices _services;
    private int _slot;
    private readonly byte[]?[] _prefix = new byte[]?[2];
    private readonly int[] _prefixLength = new int[2];
    private readonly bool[] _probeFailed = new bool[2];
    private readonly bool[] _ended = new bool[2];
    private readonly TcpReassembler _stream;
    private HttpParser? _http;
    private TlsParser? _tls;
    private DnsTcpParser? _dnsTcp;
    private SshParser? _ssh;
    private MqttParser? _mqtt;
    private ushort _serverPort;
    private long _ticks;
    private FlowDirection _direction;

    public FlowSession(SessionServices services)
    {
        _services = services;
        _stream = new TcpReassembler(services.Options.Reassembly, services.ReassemblyMemory, services.ReassemblyCounters);
    }

    public AppProtocol Protocol { get; private set; }

    /// <summary>The next idle session in the worker's pool (null while this one serves a connection).</summary>
    public FlowSession? NextIdle { get; set; }

    /// <summary>Both directions ended: nothing more reaches the parsers, and the session can go back to the pool.</summary>
    public bool StreamsEnded => _stream.BothEnded;

    /// <summary>The connection in <paramref name="slot"/> starts with this session.</summary>
    public void Begin(int slot, in FlowEntry flow)
    {
        _slot = slot;
        Protocol = AppProtocol.Unknown;
        _serverPort = flow.ResponderPort;
        _probeFailed[0] = _probeFailed[1] = false;
        _ended[0] = _ended[1] = false;
    }

    /// <summary>
    /// The connection is done with this session: complete what its close completes, give everything back, and return
    /// what the flow still needs to count late segments.
    /// </summary>
    public EndedStreams End()
    {
        // Buffered out-of-order data is delivered (holes as gaps) and open directions end, so a
        // response delimited by the connection's close completes.
        var sink = this;
        _stream.Finish(ref sink);
        var remains = _stream.Remains();
        ReleaseParsers();
        ReleasePrefix(0);
        ReleasePrefix(1);
        _stream.Reset();
        return remains;
    }

    private void ReleaseParsers()
    {
        // No OnEnd here: both directions already ended, through the stream's FIN/RST or its Finish in End().
        if (_http is not null)
        {
            _services.HttpParsers.Return(_http);
            _http = null;
        }
        if (_tls is not null)
        {
            _services.TlsParsers.Return(_tls);
            _tls = null;
        }
        if (_dnsTcp is not null)
        {
            _services.DnsTcpParsers.Return(_dnsTcp);
            _dnsTcp = null;
        }
        if (_ssh is not null)
        {
            _services.SshParsers.Return(_ssh);
            _ssh = null;
        }
        if (_mqtt is not null)
        {
            _services.MqttParsers.Return(_mqtt);
            _mqtt = null;
        }
    }

    /// <summary>A TCP packet of this flow: through reassembly to the parser.</summary>
    public void OnTcp(ref Packet packet)
    {
        _ticks = packet.TimestampTicks;
        var sink = this;
        _stream.Process(packet.Direction, packet.TcpSequence, packet.TcpAcknowledgement, packet.TcpFlags, packet.Payload, ref sink);
    }

    public void OnData(FlowDirection direction, ReadOnlySpan<byte> data)
    {
        _direction = direction;
        _services.Observer?.OnStreamData(Context(), data);
        if (Protocol == AppProtocol.Unknown)
            Detect(direction, data);
        else
            Dispatch(direction, data);
    }

    public void OnGap(FlowDirection direction, uint missingBytes)
    {
        _direction = direction;
        _services.Observer?.OnStreamGap(Context());
        switch (Protocol)
        {
            case AppProtocol.Unknown:
                // Detection needs a stream's first bytes; after a hole they are not the first any more.
                ProbeFailed(direction);
                break;
            case AppProtocol.Http:
                _http?.OnGap(direction, this);
                break;
            case AppProtocol.Tls:
                _tls?.OnGap(direction);
                break;
            case AppProtocol.Dns:
                _dnsTcp?.OnGap(direction);
                break;
            case AppProtocol.Ssh:
                _ssh?.OnGap(direction);
                break;
            case AppProtocol.Mqtt:
                _mqtt?.OnGap(direction);
                break;
        }
    }

    public void OnEnd(FlowDirection direction)
    {
        _direction = direction;
        _services.Observer?.OnStreamEnd(Context());
        if (Protocol == AppProtocol.Http)
            _http?.OnEnd(direction, this);
        _ended[Side(direction)] = true;
        // Both directions closed: the parser is done long before the flow leaves the table (closed
        // flows linger for their timeout), so it goes back to the pool now for the next connection.
        if (_ended[0] && _ended[1])
            ReleaseParsers();
    }

    private void Detect(FlowDirection direction, ReadOnlySpan<byte> data)
    {
        var side = Side(direction);
        if (_probeFailed[side])
            return;
        var input = data;
        var consumed = data.Length;
        if (_prefixLength[side] > 0)
        {
            var buffer = _prefix[side]!;
            consumed = Math.Min(data.Length, buffer.Length - _prefixLength[side]);
            data[..consumed].CopyTo(buffer.AsSpan(_prefixLength[side]));
            _prefixLength[side] += consumed;
            input = buffer.AsSpan(0, _prefixLength[side]);
        }
        var result = ProtocolProbes.ProbeTcp(direction, input, _serverPort, out var protocol);
        if (result == ProbeResult.Match)
        {
            Detected(protocol);
            // The other side's bytes waited for this verdict; then this side's, then whatever did not fit the buffer.
            var other = 1 - side;
            if (_prefixLength[other] > 0)
                Dispatch(other == 0 ? FlowDirection.ToServer : FlowDirection.ToClient, _prefix[other].AsSpan(0, _prefixLength[other]));
            Dispatch(direction, input);
            if (_prefixLength[side] > 0 && consumed < data.Length)
                Dispatch(direction, data[consumed..]);
            ReleasePrefix(0);
            ReleasePrefix(1);
        }
        else if (result == ProbeResult.NeedMoreData && input.Length < MaxProbeBytes)
        {
            if (_prefixLength[side] == 0)
            {
                _prefix[side] = ArrayPool<byte>.Shared.Rent(MaxProbeBytes);
                data.CopyTo(_prefix[side]);
                _prefixLength[side] = data.Length;
            }
        }
        else
        {
            ProbeFailed(direction);
        }
    }

    private void ProbeFailed(FlowDirection direction)
    {
        var side = Side(direction);
        _probeFailed[side] = true;
        ReleasePrefix(side);
        if (_probeFailed[1 - side])
        {
            Protocol = AppProtocol.Failed;
            _services.AppLayer.CountFailed();
        }
    }

    private void Detected(AppProtocol protocol)
    {
        Protocol = protocol;
        _services.AppLayer.CountDetected(protocol);
        switch (protocol)
        {
            case AppProtocol.Http:
                _http = _services.HttpParsers.Rent();
                _http.StoreBodies = _services.StoreHttpBodies;
                break;
            case AppProtocol.Tls:
                _tls = _services.TlsParsers.Rent();
                break;
            case AppProtocol.Dns:
                _dnsTcp = _services.DnsTcpParsers.Rent();
                break;
            case AppProtocol.Ssh:
                _ssh = _services.SshParsers.Rent();
                break;
            case AppProtocol.Mqtt:
                _mqtt = _services.MqttParsers.Rent();
                break;
        }
        if (_services.Observer is { } observer)
            observer.OnProtocolDetected(Context(), protocol);
    }

    private void Dispatch(FlowDirection direction, ReadOnlySpan<byte> data)
    {
        _direction = direction;
        switch (Protocol)
        {
            case AppProtocol.Http:
                _http?.Parse(direction, data, this);
                break;
            case AppProtocol.Tls:
                if (_tls is { } tls && !tls.IsStopped(direction))
                    tls.Parse(direction, data, this);
                break;
            case AppProtocol.Dns:
                _dnsTcp?.Parse(direction, data, this);
                break;
            case AppProtocol.Ssh:
                if (_ssh is { } ssh && !ssh.IsDone(direction))
                    ssh.Parse(direction, data, this);
                break;
            case AppProtocol.Mqtt:
                if (_mqtt is { } mqtt && !mqtt.IsStopped(direction))
                    mqtt.Parse(direction, data, this);
                break;
        }
    }

    private void ReleasePrefix(int side)
    {
        if (_prefix[side] is { } buffer)
            ArrayPool<byte>.Shared.Return(buffer);
        _prefix[side] = null;
        _prefixLength[side] = 0;
    }

    private static int Side(FlowDirection direction) => direction == FlowDirection.ToClient ? 1 : 0;

    private AppLayerContext Context() => _services.Context(_slot, _direction, _ticks);

    void IHttpObserver.OnRequestHeaders(HttpTransaction transaction) => Http(transaction, HttpProgress.RequestHeaders);

    void IHttpObserver.OnRequestComplete(HttpTransaction transaction)
    {
        _services.AppLayer.CountTransaction(AppProtocol.Http);
        Http(transaction, HttpProgress.RequestComplete);
    }

    void IHttpObserver.OnResponseHeaders(HttpTransaction transaction) => Http(transaction, HttpProgress.ResponseHeaders);

    void IHttpObserver.OnResponseComplete(HttpTransaction transaction) => Http(transaction, HttpProgress.ResponseComplete);

    private void Http(HttpTransaction transaction, HttpProgress progress) => _services.Observer?.OnHttp(Context(), transaction, progress);

    void ITlsObserver.OnClientHello(TlsClientHello hello)
    {
        _services.AppLayer.CountTransaction(AppProtocol.Tls);
        _services.Observer?.OnTlsClientHello(Context(), hello);
    }

    void ITlsObserver.OnServerHello(TlsServerHello hello) => _services.Observer?.OnTlsServerHello(Context(), hello);

    void IDnsObserver.OnDnsMessage(FlowDirection direction, DnsMessage message)
    {
        _direction = direction;
        _services.AppLayer.CountTransaction(AppProtocol.Dns);
        _services.Observer?.OnDns(Context(), message);
    }

    void ISshObserver.OnBanner(FlowDirection direction, SshBanner banner)
    {
        _direction = direction;
        _services.AppLayer.CountTransaction(AppProtocol.Ssh);
        _services.Observer?.OnSsh(Context(), banner);
    }

    void IMqttObserver.OnMessage(FlowDirection direction, MqttMessage message)
    {
        _direction = direction;
        _services.AppLayer.CountTransaction(AppProtocol.Mqtt);
        _services.Observer?.OnMqtt(Context(), message);
    }

    void ITlsObserver.OnCertificate(TlsCertificateInfo certificate) => _services.Observer?.OnTlsCertificate(Context(), certificate);
}
