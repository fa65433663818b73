using RustIds.Packets.Memory;
using RustIds.Packets;
using RustIds.Packets.AppLayer.Dns;
using RustIds.Packets.AppLayer.Http;
using RustIds.Packets.Processing;
using System.Runtime.CompilerServices;

namespace RustIds.Detection.Behaviour;

/// <summary>
/// The behavioural detectors of one capture worker, fed by flow events (start, end), DNS and
/// HTTP transactions, ICMP echo requests, and a walk over the flow table once per baseline interval.
/// </summary>
/// <remarks>
/// Not thread-safe: one per worker, called on its capture thread. Per packet it costs three comparisons (the flow-event
/// queue's count, the walk's time, whether it is an ICMP echo request); everything else happens once per flow, transaction
/// or echo request. State lives in fixed-size tables allocated here, so memory does not grow with the number of sources,
/// and nothing is allocated unless an alert is raised. All windows run on packet time, so a replay of a capture
/// gives the detections the live traffic gave.
/// </remarks>
public sealed class DetectorSet : IFlowObserver, IAppLayerObserver
{
    private const byte EchoRequestV4 = 8;
    private const byte EchoRequestV6 = 128;

    private readonly DetectionEmitter _emitter;
    // Tables that fill with every host, flow, login client or source of unanswered attempts, and the activity filters, on
    // huge pages; tables that only busy keys reach (after the filters) and the baselines of hosts seen in a second
    // interval, on 4 KiB pages. A huge page is zeroed whole on its first touch, 2 MiB for a table of one scanner; a 4 KiB
    // page fault costs 10–20 µs on the team's VM, so a table touched all over is cheaper on huge pages.
    private readonly TableMemory _denseMemory = new();
    private readonly TableMemory _sparseMemory = new(hugePages: false);
    private readonly InternalNetworkSet _internal;
    private readonly BoundedTable<AddressKey, SourceState> _sources;
    private readonly BoundedTable<AddressKey, FailureState> _failures;
    private readonly BoundedTable<AddressKey, LoginState> _logins;
    private readonly BoundedTable<AddressKey, EchoState> _echoes;
    private readonly BoundedTable<ServiceKey, ServiceState> _services;
    private readonly PortScanDetector? _scans;
    private readonly SynFloodDetector? _synFloods;
    private readonly BruteForceDetector? _bruteForce;
    private readonly DnsTunnelDetector? _dnsTunnels;
    private readonly IcmpDetector? _icmp;
    private readonly HostAnomalyDetector? _hosts;
    private readonly ExfiltrationDetector? _exfiltration;
    private readonly ActivityFilter _busySources;
    private readonly ActivityFilter _busyServices;
    private readonly ActivityFilter? _busyPingers;
    private readonly ActivityFilter? _busyPingTargets;
    private readonly long _intervalTicks;
    private readonly PendingFlowEvents _pending = new();
    // Flow events queued by earlier packets, the oldest in the queue. An event is handled at the end of the packet after
    // the one that queued it, so the table lines its prefetch asked for have a whole packet's work to arrive; handled at
    // the end of its own packet (a SYN's or a FIN's, little work), the reads waited for most of them.
    private int _carried;
    private FlowTracker? _flows;
    private FlowCredits? _credits;
    private long _nextWalkTicks;

    /// <param name="options">Which detectors run, and their thresholds (validated).</param>
    /// <param name="sink">Receives the alerts.</param>
    /// <param name="interfaceName">EVE's <c>in_iface</c>; empty for replays.</param>
    public DetectorSet(DetectorOptions options, IDetectionSink sink, string interfaceName = "")
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(sink);
        _emitter = new DetectionEmitter(sink, interfaceName);
        _internal = new InternalNetworkSet(options.EffectiveInternalNetworks);
        // Both filters' windows at most the shortest window behind them, so no source or service reaches a threshold unseen.
        // The hot filters first: their pages are touched by nearly every flow.
        _busySources = new ActivityFilter(BusyAfter, Min(options.PortScan.FastWindow, options.SynFlood.Window) / 2, _denseMemory);
        _busyServices = new ActivityFilter(BusyAfter, options.SynFlood.Window / 2, _denseMemory);
        _sources = new BoundedTable<AddressKey, SourceState>(options.TrackedSources, _sparseMemory);
        _failures = new BoundedTable<AddressKey, FailureState>(options.TrackedSources, _sparseMemory);
        _logins = new BoundedTable<AddressKey, LoginState>(options.TrackedSources, _denseMemory);
        _echoes = new BoundedTable<AddressKey, EchoState>(options.TrackedSources, _sparseMemory);
        _services = new BoundedTable<ServiceKey, ServiceState>(options.TrackedSources, _sparseMemory);
        var cooldown = options.Cooldown;
        _scans = options.PortScan.Enabled ? new PortScanDetector(options.PortScan, cooldown, _emitter) : null;
        _synFloods = options.SynFlood.Enabled ? new SynFloodDetector(options.SynFlood, cooldown, _emitter) : null;
        _bruteForce = options.BruteForce.Enabled ? new BruteForceDetector(options.BruteForce, cooldown, _emitter) : null;
        _dnsTunnels = options.DnsTunnel.Enabled ? new DnsTunnelDetector(options.DnsTunnel, cooldown, options.TrackedSources, _emitter, _denseMemory, _sparseMemory) : null;
        if (options.Icmp.Enabled)
        {
            _icmp = new IcmpDetector(options.Icmp, cooldown, _emitter);
            _busyPingers = new ActivityFilter(BusyAfter, Min(options.Icmp.FloodWindow, options.Icmp.SweepWindow) / 2, _denseMemory);
            _busyPingTargets = new ActivityFilter(BusyAfter, options.Icmp.FloodWindow / 2, _denseMemory);
        }
        _hosts = options.Anomaly.Enabled ? new HostAnomalyDetector(options.Anomaly, cooldown, _emitter, _denseMemory, _sparseMemory) : null;
        _exfiltration = options.Exfiltration.Enabled
            ? new ExfiltrationDetector(options.Exfiltration, options.Anomaly.Interval, options.Anomaly.Alpha, cooldown, _emitter, _denseMemory)
            : null;
        _intervalTicks = options.Anomaly.Interval.Ticks;
    }

    /// <summary>
    /// Connection attempts of a source (or SYNs to a service) within half a window before it gets exact state: the
    /// scan and flood thresholds are far above it, and most sources never reach it.
    /// </summary>
    public const int BusyAfter = 8;

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;


    /// <summary>Sources tracked (SYN and fast scan windows); bounded by <see cref="DetectorOptions.TrackedSources"/>, as are the other tables.</summary>
    public BoundedTable<AddressKey, SourceState> Sources => _sources;

    /// <summary>Bytes of every table, allocated at construction (and, for the flow credits, at <see cref="Attach"/>).</summary>
    public long MemoryBytes => _denseMemory.Bytes + _sparseMemory.Bytes;

    /// <summary>The per-host baselines, when on.</summary>
    internal HostAnomalyDetector? Anomaly => _hosts;

    /// <summary>The DNS tunnel detector, when on.</summary>
    internal DnsTunnelDetector? DnsTunnels => _dnsTunnels;

    /// <summary>Flow events not handled yet: at most those of the latest packet, and none after <see cref="OnIdle"/> or a flush.</summary>
    internal int QueuedFlowEvents => _pending.Count;

    /// <summary>Destination services tracked (flood state).</summary>
    public BoundedTable<ServiceKey, ServiceState> Services => _services;

    /// <summary>Gives the detectors the worker's flow table, for the per-interval walk that feeds the baselines. Call once, before the first packet.</summary>
    public void Attach(FlowTracker flows)
    {
        ArgumentNullException.ThrowIfNull(flows);
        _flows = flows;
        if (_synFloods is not null)
            _synFloods.Flows = flows;
        _credits = _hosts is null && _exfiltration is null ? null : new FlowCredits(flows.Capacity, _internal, _hosts, _exfiltration, _denseMemory);
    }

    /// <summary>Per packet, after flow tracking: the flow events earlier packets queued, the interval walk when it is due, and ICMP echo requests.</summary>
    /// <remarks>Inlined into the worker's loop: for nearly every packet it is three comparisons and no call.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void OnPacket(ref Packet packet)
    {
        if (_pending.Count != 0 || packet.TimestampTicks >= _nextWalkTicks || IsEchoRequest(ref packet))
            OnPacketWithWork(ref packet);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool IsEchoRequest(ref Packet packet) => _icmp is not null
        && ((packet.Protocol == IpProtocol.Icmp && packet.IcmpType == EchoRequestV4) || (packet.Protocol == IpProtocol.IcmpV6 && packet.IcmpType == EchoRequestV6));

    private void OnPacketWithWork(ref Packet packet)
    {
        while (_carried > 0)
            HandleOldest();
        if (packet.TimestampTicks >= _nextWalkTicks)
            Walk(packet.TimestampTicks);
        if (IsEchoRequest(ref packet))
            OnEchoRequest(ref packet);
        _carried = _pending.Count;
    }

    /// <summary>No packet for a while (a live capture's read timed out): the queued flow events are handled now, not at the next packet.</summary>
    public void OnIdle() => Drain();

    /// <summary>Like connection attempts, echo requests reach the exact tables only from busy sources and to busy targets.</summary>
    private void OnEchoRequest(ref Packet packet)
    {
        var now = packet.TimestampTicks;
        var sourceKey = new AddressKey(packet.Source);
        var targetKey = new ServiceKey(packet.Destination, 0, packet.Protocol);
        var sourceHash = sourceKey.Hash;
        var targetHash = targetKey.Hash;
        // Both counters' lines load at once, not one miss after the other.
        _busyPingers!.Prefetch(sourceHash);
        _busyPingTargets!.Prefetch(targetHash);
        var busySource = _busyPingers.Count(sourceHash, now);
        var busyTarget = _busyPingTargets.Count(targetHash, now);
        if (!busySource && !busyTarget)
            return;
        var site = new DetectionSite(packet.Source, 0, packet.Destination, 0, packet.Protocol, packet.FlowId, now);
        if (busySource)
            _icmp!.OnEchoFrom(ref _echoes.GetOrAdd(sourceKey, now), in site);
        if (busyTarget)
            _icmp!.OnEchoTo(ref _services.GetOrAdd(targetKey, now), in site);
    }

    public void OnFlowStarted(int slot, in FlowEntry flow)
    {
        // Only connection attempts count; any other flow start costs nothing more.
        if (!flow.OpenedBySyn && (flow.Key.Protocol != IpProtocol.Udp || flow.Midstream))
            return;
        ref var started = ref Enqueue(FlowEventKind.Started, slot, in flow);
        // The filters' hashes, computed once: here for the prefetches, kept for the counts.
        var sourceKey = new AddressKey(flow.InitiatorAddress);
        started.SourceHash = sourceKey.Hash;
        if (_scans is not null || (flow.OpenedBySyn && _synFloods is not null))
            _busySources.Prefetch(started.SourceHash);
        if (flow.OpenedBySyn && _synFloods is not null)
        {
            started.ServiceHash = new ServiceKey(flow.ResponderAddress, flow.ResponderPort, flow.Key.Protocol).Hash;
            _busyServices.Prefetch(started.ServiceHash);
        }
        if (IsLoginAttempt(in flow))
            _logins.Prefetch(sourceKey);
    }

    public void OnFlowEnded(int slot, in FlowEntry flow, FlowEndReason reason)
    {
        var credit = _credits is not null && _credits.Wants(in flow);
        var failedAttempt = IsFailedAttempt(in flow);
        var loginSession = IsLoginSession(in flow);
        if (!credit && !failedAttempt && !loginSession)
            return;
        ref var pending = ref Enqueue(FlowEventKind.Ended, slot, in flow);
        pending.Credited = credit;
        pending.FailedAttempt = failedAttempt;
        pending.LoginSession = loginSession;
        if (credit)
            _credits!.Prefetch(slot, in flow);
        var sourceKey = new AddressKey(flow.InitiatorAddress);
        if (failedAttempt)
            _failures.Prefetch(sourceKey);
        if (loginSession)
            _logins.Prefetch(sourceKey);
    }

    /// <summary>Every flow was ended (the end of a capture): the queued events are handled now.</summary>
    public void OnFlushed() => Drain();

    private bool IsLoginAttempt(in FlowEntry flow) => flow.OpenedBySyn && _bruteForce is not null && _bruteForce.IsLoginPort(flow.ResponderPort);

    /// <summary>A refused or unanswered attempt: it feeds the slow and horizontal scans.</summary>
    private bool IsFailedAttempt(in FlowEntry flow) => _scans is not null
        && ((flow.OpenedBySyn && !flow.IsEstablished) || (flow.Key.Protocol == IpProtocol.Udp && !flow.Midstream && flow.PacketsToClient == 0));

    /// <summary>A completed session to a login port: it feeds brute force.</summary>
    private bool IsLoginSession(in FlowEntry flow) =>
        _bruteForce is not null && flow.OpenedBySyn && flow.IsEstablished && _bruteForce.IsLoginPort(flow.ResponderPort);

    /// <summary>Queues a flow event, handling the oldest first when the queue is full.</summary>
    private ref PendingFlowEvent Enqueue(FlowEventKind kind, int slot, in FlowEntry flow)
    {
        if (_pending.IsFull)
            HandleOldest();
        return ref _pending.Add(kind, slot, in flow);
    }

    /// <summary>Handles every queued flow event, oldest first.</summary>
    private void Drain()
    {
        while (_pending.Count > 0)
            HandleOldest();
    }

    private void HandleOldest()
    {
        ref var pending = ref _pending.Oldest;
        switch (pending.Kind)
        {
            case FlowEventKind.Started:
                Started(in pending);
                break;
            case FlowEventKind.Ended:
                Ended(in pending);
                break;
            case FlowEventKind.Walked:
                _credits!.Credit(pending.Slot, in pending.Flow, pending.CreditTicks, walking: true);
                break;
        }
        _pending.RemoveOldest();
        if (_carried > 0)
            _carried--;
    }

    private void Started(in PendingFlowEvent started)
    {
        ref readonly var flow = ref started.Flow;
        var now = flow.FirstTicks;
        var port = flow.ResponderPort;
        var loginAttempt = IsLoginAttempt(in flow);
        var synFlood = flow.OpenedBySyn && _synFloods is not null;
        var sourceKey = new AddressKey(flow.InitiatorAddress);
        var serviceKey = new ServiceKey(flow.ResponderAddress, port, flow.Key.Protocol);
        // Most sources and services never get busy: they cost a counter, not a table entry (see ActivityFilter).
        var busySource = (_scans is not null || synFlood) && _busySources.Count(started.SourceHash, now);
        var busyService = synFlood && _busyServices.Count(started.ServiceHash, now);
        if (!busySource && !busyService && !loginAttempt)
            return;
        var site = DetectionSite.Of(in flow, now);
        if (busySource)
        {
            ref var source = ref _sources.GetOrAdd(sourceKey, now);
            _scans?.OnAttempt(ref source.Fast, in site);
            if (synFlood)
                _synFloods!.OnSyn(ref source.Syn, ref _services.GetOrAdd(serviceKey, now), in site);
        }
        else if (busyService)
        {
            _synFloods!.OnServiceSyn(ref _services.GetOrAdd(serviceKey, now), in site);
        }
        if (loginAttempt)
            _bruteForce!.OnAttempt(ref _logins.GetOrAdd(sourceKey, now), in site);
    }

    private void Ended(in PendingFlowEvent ended)
    {
        ref readonly var flow = ref ended.Flow;
        if (ended.Credited)
            _credits!.Credit(ended.Slot, in flow, flow.LastTicks, walking: false);
        if (!ended.FailedAttempt && !ended.LoginSession)
            return;
        var site = DetectionSite.Of(in flow, flow.LastTicks);
        var source = new AddressKey(site.Source);
        if (ended.FailedAttempt)
            _scans!.OnFailed(ref _failures.GetOrAdd(source, site.TimestampTicks), _sources, in site);
        if (ended.LoginSession)
            _bruteForce!.OnSessionEnded(ref _logins.GetOrAdd(source, site.TimestampTicks), in site, flow.LastTicks - flow.FirstTicks);
    }

    public void OnDns(in AppLayerContext context, DnsMessage message) => _dnsTunnels?.OnMessage(message, in context.Flow, context.TimestampTicks);

    public void OnHttp(in AppLayerContext context, HttpTransaction transaction, HttpProgress progress)
    {
        if (_bruteForce is null || progress != HttpProgress.RequestHeaders || !_bruteForce.IsLoginPost(transaction))
            return;
        // The login table is shared with queued flow events: they go first, in the order they happened.
        Drain();
        var site = DetectionSite.Of(in context.Flow, context.TimestampTicks);
        _bruteForce.OnLoginPost(ref _logins.GetOrAdd(new AddressKey(site.Source), site.TimestampTicks), in site);
    }

    /// <summary>Once per interval: credits every flow's traffic to the interval that just ended.</summary>
    private void Walk(long nowTicks)
    {
        var boundary = nowTicks - nowTicks % _intervalTicks;
        if (_nextWalkTicks != 0 && _credits is not null && _flows is not null)
            WalkFlows(_credits, _flows, boundary - 1);
        _nextWalkTicks = boundary + _intervalTicks;
    }

    /// <summary>
    /// Queues a credit of every flow in the table, as of <paramref name="creditTicks"/>; the queue prefetches the host and
    /// pair sets the credits will update.
    /// </summary>
    /// <remarks>
    /// In slot order, not recency order: the entries are then read as one stream the hardware prefetches, where the
    /// recency lists jumped around 12 MiB of table, a miss per flow (a walk of the bench's 40,000 flows cost 2.5 % of the
    /// replay, with 8 entries prefetched ahead). Which flow's credit closes a host's interval (and so names the flow in
    /// its alert) follows the slots, as deterministic as before.
    /// </remarks>
    private void WalkFlows(FlowCredits credits, FlowTracker flows, long creditTicks)
    {
        for (var slot = 0; slot < flows.SlotsEverUsed; slot++)
        {
            if (!flows.HoldsFlow(slot))
                continue;
            ref readonly var flow = ref flows.EntryAt(slot);
            if (!credits.Wants(in flow))
                continue;
            Enqueue(FlowEventKind.Walked, slot, in flow).CreditTicks = creditTicks;
            credits.Prefetch(slot, in flow);
        }
        Drain();
    }
}
