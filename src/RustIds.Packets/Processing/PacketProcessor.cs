using RustIds.Packets.AppLayer;
using RustIds.Packets.Defragmentation;
using RustIds.Packets.Streams;

namespace RustIds.Packets.Processing;

/// <summary>
/// The packet path of one capture worker: decode, checksum check, defragmentation, flow tracking, TCP
/// reassembly and app-layer parsing, then the packet goes to the detection stage's <see cref="IPacketHandler"/>.
/// </summary>
/// <remarks>
/// Not thread-safe: one per worker thread. Allocation-free per packet once warm (the flow table, the
/// per-slot sessions, the parser pools and the reassembly buffers are reused). Fragments are inspected as
/// IP packets without a flow; their reassembled datagram follows as a packet of its own, the way Suricata
/// hands on a defragmented pseudo-packet.
/// </remarks>
public sealed class PacketProcessor : IFlowObserver
{
    private readonly LinkType _linkType;
    private readonly PacketProcessorOptions _options;
    private readonly FlowTracker _flows;
    private readonly IpDefragmenter _defragmenter;
    private readonly SessionServices _services;
    private readonly DatagramParsing _datagrams;
    // Per flow slot: the open TCP connection's session (null once its streams ended), the flow's app protocol, and
    // what a closed connection still needs to count late segments.
    private readonly FlowSession?[] _sessions;
    private readonly AppProtocol[] _protocols;
    private readonly EndedStreams[] _endedStreams;
    // Idle sessions, chained through FlowSession.NextIdle: a collection would allocate when it first outgrows itself.
    private FlowSession? _idleSessions;
    private readonly IFlowObserver? _flowObserver;
    private readonly long[] _checksumFailures = new long[(int)ChecksumStatus.IcmpInvalid + 1];
    private long _reassembledDecodeErrors;
    private long _nextDefragExpiryTicks;

    /// <param name="linkType">Link layer of the frames.</param>
    /// <param name="options">Limits and switches; defaults when null.</param>
    /// <param name="observer">Hears app-layer transactions (the rule evaluator, detectors).</param>
    /// <param name="flowObserver">Also hears every flow start and end, after the app-layer session (behavioural detectors).</param>
    public PacketProcessor(LinkType linkType, PacketProcessorOptions? options = null, IAppLayerObserver? observer = null, IFlowObserver? flowObserver = null)
    {
        _linkType = linkType;
        _flowObserver = flowObserver;
        _options = options ?? new PacketProcessorOptions();
        _flows = new FlowTracker(_options.Flows, this);
        _defragmenter = new IpDefragmenter(_options.Defrag);
        _services = new SessionServices(_options, _flows, observer);
        _datagrams = new DatagramParsing(_services);
        _sessions = new FlowSession?[_flows.Capacity];
        _protocols = new AppProtocol[_flows.Capacity];
        _endedStreams = new EndedStreams[_flows.Capacity];
    }

    /// <summary>Frames by decode outcome and failing layer.</summary>
    public DecodeCounters Decode { get; } = new();

    public FlowTracker Flows => _flows;

    public AppLayerCounters AppLayer => _services.AppLayer;

    /// <summary>Whether HTTP connections starting from now keep request and response bodies (up to their limits); only
    /// rules inspect them, so the engine turns this off while the rule set has none. On by default.</summary>
    public bool StoreHttpBodies
    {
        get => _services.StoreHttpBodies;
        set => _services.StoreHttpBodies = value;
    }

    /// <summary>Decodes <paramref name="frame"/> and takes it (and a datagram it completes) through the path to <paramref name="handler"/>.</summary>
    public void Process<THandler>(in RawFrame frame, ref THandler handler)
        where THandler : IPacketHandler, allows ref struct
    {
        var packet = new Packet { TimestampTicks = frame.TimestampTicks, WireLength = frame.WireLength };
        var status = PacketDecoder.Decode(_linkType, frame.Data, ref packet);
        Decode.Count(status, packet.Layer, frame.WireLength);
        if (packet.IsFragment && _options.Defragment && !packet.Network.IsEmpty)
        {
            if (packet.TimestampTicks >= _nextDefragExpiryTicks)
            {
                // Once per second of packet time: incomplete datagrams past their timeout give their memory back.
                _defragmenter.Expire(packet.TimestampTicks);
                _nextDefragExpiryTicks = packet.TimestampTicks + TimeSpan.TicksPerSecond;
            }
            // A first fragment may decode as truncated (its transport continues in the next one): still kept.
            if (status == DecodeStatus.Ok)
            {
                packet.FlowSlot = -1;
                handler.OnPacket(ref packet);
            }
            if (_defragmenter.Process(packet.Network, packet.TimestampTicks, packet.VlanId, out var datagram) == DefragResult.Reassembled)
                InspectReassembled(datagram, in packet, ref handler);
            return;
        }
        if (status == DecodeStatus.Ok)
            Inspect(ref packet, ref handler);
    }

    /// <summary>Ends every flow (end of a capture or a stop), completing what a connection's close would complete.</summary>
    public void Flush() => _flows.Flush();

    /// <summary>Adds this worker's counters to <paramref name="snapshot"/> (summed with other workers' by name).</summary>
    public void AddTo(CounterSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        PacketPathStatistics.Add(snapshot, this);
    }

    internal long ChecksumFailures(ChecksumStatus status) => _checksumFailures[(int)status];

    internal long ReassembledDecodeErrors => _reassembledDecodeErrors;

    internal IpDefragmenter Defragmenter => _defragmenter;

    internal SessionServices Services => _services;

    /// <summary>TCP sessions made so far: the pool's size, about the most connections open at once.</summary>
    internal int SessionsCreated { get; private set; }

    void IFlowObserver.OnFlowStarted(int slot, in FlowEntry flow)
    {
        _protocols[slot] = AppProtocol.Unknown;
        if (_options.AppLayer && flow.Key.Protocol == IpProtocol.Tcp)
        {
            var session = _idleSessions;
            if (session is null)
            {
                session = new FlowSession(_services);
                SessionsCreated++;
            }
            else
            {
                _idleSessions = session.NextIdle;
                session.NextIdle = null;
            }
            session.Begin(slot, in flow);
            _sessions[slot] = session;
        }
        _flowObserver?.OnFlowStarted(slot, in flow);
    }

    void IFlowObserver.OnFlowEnded(int slot, in FlowEntry flow, FlowEndReason reason)
    {
        if (_sessions[slot] is { } session)
            ReleaseSession(slot, session);
        _flowObserver?.OnFlowEnded(slot, in flow, reason);
    }

    void IFlowObserver.OnFlushed() => _flowObserver?.OnFlushed();

    /// <summary>The connection's streams are done (or the flow ended): its session goes back to the pool, the slot keeps the protocol and what late segments are counted against.</summary>
    private void ReleaseSession(int slot, FlowSession session)
    {
        _endedStreams[slot] = session.End();
        _protocols[slot] = session.Protocol;
        _sessions[slot] = null;
        session.NextIdle = _idleSessions;
        _idleSessions = session;
    }

    private void OnTcp(int slot, ref Packet packet)
    {
        if (_sessions[slot] is not { } session)
        {
            _endedStreams[slot].Count(packet.Direction, packet.TcpSequence, packet.TcpAcknowledgement, packet.TcpFlags,
                packet.Payload.Length, _options.Reassembly, _services.ReassemblyCounters);
            return;
        }
        session.OnTcp(ref packet);
        _protocols[slot] = session.Protocol;
        if (session.StreamsEnded)
            ReleaseSession(slot, session);
    }

    private void InspectReassembled<THandler>(ReadOnlySpan<byte> datagram, in Packet lastFragment, ref THandler handler)
        where THandler : IPacketHandler, allows ref struct
    {
        var whole = new Packet { TimestampTicks = lastFragment.TimestampTicks, WireLength = datagram.Length };
        if (PacketDecoder.Decode(LinkType.Raw, datagram, ref whole) != DecodeStatus.Ok)
        {
            _reassembledDecodeErrors++;
            return;
        }
        whole.VlanId = lastFragment.VlanId;
        whole.TunnelDepth = lastFragment.TunnelDepth;
        Inspect(ref whole, ref handler);
    }

    private void Inspect<THandler>(ref Packet packet, ref THandler handler)
        where THandler : IPacketHandler, allows ref struct
    {
        if (_options.ValidateChecksums)
        {
            var checksum = ChecksumValidator.Validate(in packet);
            if (checksum > ChecksumStatus.NotChecked)
            {
                _checksumFailures[(int)checksum]++;
                return;
            }
        }
        _flows.Track(ref packet);
        var slot = packet.FlowSlot;
        if (slot >= 0 && _options.AppLayer)
        {
            if (packet.Protocol == IpProtocol.Tcp)
                OnTcp(slot, ref packet);
            else if (packet.Protocol == IpProtocol.Udp)
                _datagrams.OnUdp(ref packet, ref _protocols[slot]);
            packet.AppProtocol = _protocols[slot];
        }
        handler.OnPacket(ref packet);
    }
}
